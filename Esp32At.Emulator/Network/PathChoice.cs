using System.Net;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Network;

/// <summary>
/// Which simulated network a link crosses (issue 14 part 3: "each simulated network, the AP's uplink and the soft-AP's
/// LAN"): <see cref="EmulatorOptions.SoftApPath"/> for the soft-AP's own LAN, <see cref="EmulatorOptions.Path"/> (the
/// station's AP and what lies behind it) for the rest. Every real peer is on loopback, so the choice is made from what
/// the firmware knows: the address a client link was told, and which interface a server's peer can have come in on.
/// </summary>
public static class PathChoice
{
    /// <summary>
    /// A client link to <paramref name="remote"/> (the address CIPSTART / CIPSENDEX was given or resolved): the soft-AP
    /// LAN when the soft-AP is up (CWMODE 2 or 3) and the address is in its subnet (CIPAP's ip and netmask); lwIP routes
    /// such a packet out of the soft-AP interface. Everything else goes out of the station interface.
    /// </summary>
    public static NetworkPath To(EspEmulator emulator, IPAddress remote) =>
        InSoftApSubnet(emulator, remote) ? emulator.Options.SoftApPath : emulator.Options.Path;

    /// <summary>
    /// A link a CIPSERVER accepted: the soft-AP LAN when its peer can only have come from there (CWMODE 2, or CWMODE 3
    /// while the station interface has no IP) or when a station is associated to the soft-AP (CWMODE 3 with both up:
    /// the local peer is taken to be the soft-AP's station); the AP uplink otherwise.
    /// </summary>
    public static NetworkPath ForAccepted(EspEmulator emulator)
    {
        int mode = emulator.State.CwMode;
        bool softAp = mode == 2 || mode == 3 && (emulator.State.WifiState != 2 || emulator.Radio.Stations.Count > 0);
        return softAp ? emulator.Options.SoftApPath : emulator.Options.Path;
    }

    /// <summary>Whether the soft-AP is up and <paramref name="ip"/> is in its subnet.</summary>
    public static bool InSoftApSubnet(EspEmulator emulator, IPAddress ip)
    {
        if (emulator.State.CwMode is not (2 or 3)) return false;
        var ap = emulator.State.Wireless.ApIp;
        if (!IPAddress.TryParse(ap.Ip, out var apIp) || !IPAddress.TryParse(ap.Netmask, out var mask)) return false;
        var (a, m, x) = (apIp.GetAddressBytes(), mask.GetAddressBytes(), ip.GetAddressBytes());
        if (x.Length != 4) return false;
        for (int i = 0; i < 4; i++)
            if ((a[i] & m[i]) != (x[i] & m[i])) return false;
        return true;
    }
}
