using System.Net;
using System.Net.Sockets;

namespace Esp32At.Demos.Common;

/// <summary>This machine's address on the network a real ESP32 would be on.</summary>
public static class LanAddress
{
    /// <summary>The local address of the default route (no packet is sent), or loopback when there is none.</summary>
    public static IPAddress Find()
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 9));
            return ((IPEndPoint)probe.LocalEndPoint!).Address;
        }
        catch (SocketException)
        {
            return IPAddress.Loopback;
        }
    }
}
