using System;

namespace Esp32At.CircuitPython
{
    /// <summary>The <c>ipaddress</c> module: <c>ip_address(obj)</c> as <see cref="Of(object)"/>.</summary>
    public static class IpAddress
    {
        /// <summary>
        /// <c>ipaddress.ip_address(obj)</c>: an <see cref="IPv4Address"/> from a dotted string, a host-order integer,
        /// four bytes, or an existing address.
        /// </summary>
        /// <exception cref="ArgumentException">Not an IPv4 address (the core's ValueError).</exception>
        public static IPv4Address Of(object value)
        {
            var address = value as IPv4Address;
            if (address != null) return address;
            var text = value as string;
            if (text != null) return new IPv4Address(text);
            var packed = value as byte[];
            if (packed != null) return new IPv4Address(packed);
            if (value is int) return new IPv4Address((int)value);
            if (value is uint) return new IPv4Address((int)(uint)value);
            throw new ArgumentException("Only IPv4 addresses supported", "value");
        }
    }
}
