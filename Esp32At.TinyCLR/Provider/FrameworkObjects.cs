using System;
using System.Net;
using System.Reflection;
using GHIElectronics.TinyCLR.Devices.Network;

namespace Esp32At.TinyCLR.Provider
{
    /// <summary>
    /// Builds the framework objects a managed provider cannot construct normally (tinyclr-api.md §2.3): the event
    /// arguments have internal constructors and the property classes get-only auto-properties, so both are filled by
    /// reflection. Unverified on a device: if the runtime refuses, events are raised without arguments being available
    /// (the provider's own <see cref="Esp32AtNetworkProvider.Wifi"/> events still fire) and the properties stay empty.
    /// </summary>
    internal static class FrameworkObjects
    {
        private const BindingFlags Hidden = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

        public static NetworkLinkConnectedChangedEventArgs LinkArgs(bool connected)
        {
            return (NetworkLinkConnectedChangedEventArgs)Construct(typeof(NetworkLinkConnectedChangedEventArgs),
                new Type[] { typeof(bool), typeof(DateTime) }, new object[] { connected, DateTime.UtcNow });
        }

        public static NetworkAddressChangedEventArgs AddressArgs()
        {
            return (NetworkAddressChangedEventArgs)Construct(typeof(NetworkAddressChangedEventArgs),
                new Type[] { typeof(DateTime) }, new object[] { DateTime.UtcNow });
        }

        public static NetworkIPProperties IpProperties(IPAddress address, IPAddress mask, IPAddress gateway, IPAddress[] dns)
        {
            var p = new NetworkIPProperties();
            var t = typeof(NetworkIPProperties);
            SetAuto(t, p, "Address", address);
            SetAuto(t, p, "SubnetMask", mask);
            SetAuto(t, p, "GatewayAddress", gateway);
            SetAuto(t, p, "DnsAddresses", dns);
            return p;
        }

        public static WiFiNetworkInterfaceProperties InterfaceProperties(byte[] mac)
        {
            var p = new WiFiNetworkInterfaceProperties();
            SetAuto(typeof(NetworkInterfaceProperties), p, "MacAddress", mac);
            return p;
        }

        private static object Construct(Type type, Type[] types, object[] args)
        {
#if ESP32AT_HOST
            var ctor = type.GetConstructor(Hidden, null, types, null);
#else
            var ctor = type.GetConstructor(types);
#endif
            return ctor == null ? null : ctor.Invoke(args);
        }

        private static void SetAuto(Type type, object target, string property, object value)
        {
            var field = type.GetField("<" + property + ">k__BackingField", Hidden);
            if (field != null) field.SetValue(target, value);
        }
    }
}
