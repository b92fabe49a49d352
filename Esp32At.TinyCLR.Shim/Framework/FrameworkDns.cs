using System.Net;
using System.Net.Sockets;
using GHIElectronics.TinyCLR.Networking;

namespace GHIElectronics.TinyCLR.Framework;

/// <summary>
/// TinyCLR 2.2.1.2000's <c>Dns.GetHostEntry</c> (<c>ghi-electronics/TinyCLR-Libraries@a9c94720:
/// GHIElectronics.TinyCLR.Networking/Net/DNS.cs#L12-L47</c>): one GetHostByName; each address's family is read from bytes
/// [0..1] (little-endian) and only InterNetwork entries are decoded, from bytes [4..7]; others stay null in the list.
/// </summary>
public static class FrameworkDns
{
    public static IPHostEntry GetHostEntry(INetworkProvider ni, string hostNameOrAddress)
    {
        ni.GetHostByName(hostNameOrAddress, out var canonicalName, out var addresses);
        var list = new IPAddress[addresses.Length];
        for (int i = 0; i < addresses.Length; i++)
        {
            var a = addresses[i];
            var family = (AddressFamily)(a[1] << 8 | a[0]);
            if (family == AddressFamily.InterNetwork) list[i] = new IPAddress((long)(uint)(a[7] << 24 | a[6] << 16 | a[5] << 8 | a[4]));
        }
        return new IPHostEntry { HostName = canonicalName, AddressList = list };
    }
}
