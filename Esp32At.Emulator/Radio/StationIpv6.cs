using System.Net;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Radio;

/// <summary>
/// The station's IPv6 (docs/esp-at-ipv6.md "AT+CIPV6" and "Addresses and their notices"): the AT+CIPV6 switch, the
/// link-local address (EUI-64 of the station MAC) and the global one (the simulated AP's prefix + the same interface
/// identifier), assigned after WIFI GOT IP with <c>WIFI GOT IPv6 LL</c> / <c>WIFI GOT IPv6 GL</c>.
/// </summary>
public sealed class StationIpv6
{
    /// <summary>The /64 every simulated access point with <see cref="AccessPoint.Ipv6"/> advertises.</summary>
    public const string Prefix = "2001:db8:5e:1";

    private readonly object gate = new();
    private int association;

    /// <summary>AT+CIPV6 (default 0).</summary>
    public bool Enabled { get; set; }

    /// <summary>The link-local address of this association, or null (none yet, or CIPV6=0 at the join).</summary>
    public IPAddress? LinkLocal { get; private set; }

    /// <summary>The global address of this association, or null (none yet, or the AP advertises no prefix).</summary>
    public IPAddress? Global { get; private set; }

    /// <summary>A new association (or none): the addresses of the previous one are gone, its pending GL is void.</summary>
    public void Forget()
    {
        lock (gate)
        {
            association++;
            LinkLocal = null;
            Global = null;
        }
    }

    /// <summary>Power-on state: CIPV6=0, no addresses.</summary>
    public void Reset()
    {
        Enabled = false;
        Forget();
    }

    /// <summary>
    /// After WIFI GOT IP (and after the CWJAP's OK): with CIPV6=1, the link-local address and <c>WIFI GOT IPv6 LL</c>
    /// now, the global one and <c>WIFI GOT IPv6 GL</c> one router advertisement later when <paramref name="ap"/> has IPv6.
    /// </summary>
    internal void Start(EspEmulator emulator, AccessPoint ap)
    {
        int mine;
        lock (gate)
        {
            if (!Enabled || emulator.State.WifiState != 2) return;
            mine = association;
            LinkLocal = LinkLocalOf(emulator.State.Wireless.StationMac);
        }
        emulator.Output("WIFI GOT IPv6 LL\r\n");
        if (!ap.Ipv6) return;
        new Thread(() =>
        {
            emulator.Clock.Delay(emulator.Options.Ipv6RouterAdvertMs);
            lock (gate)
            {
                if (association != mine || !Enabled || emulator.State.WifiState != 2) return;
                Global = GlobalOf(emulator.State.Wireless.StationMac);
            }
            emulator.Output("WIFI GOT IPv6 GL\r\n");
        }) { IsBackground = true, Name = "esp-at IPv6 RA" }.Start();
    }

    /// <summary><c>fe80::</c> + the modified EUI-64 of <paramref name="mac"/> (U/L bit flipped, <c>ff:fe</c> inserted), as lwIP makes it.</summary>
    public static IPAddress LinkLocalOf(string mac) => WithPrefix([0xfe, 0x80, 0, 0, 0, 0, 0, 0], mac);

    /// <summary><see cref="Prefix"/> + the interface identifier of <paramref name="mac"/> (SLAAC reuses the link-local one).</summary>
    public static IPAddress GlobalOf(string mac) => WithPrefix([0x20, 0x01, 0x0d, 0xb8, 0x00, 0x5e, 0x00, 0x01], mac);

    private static IPAddress WithPrefix(byte[] prefix, string mac)
    {
        if (!MacAddress.TryParse(mac, out var m)) throw new FormatException($"bad MAC '{mac}'");
        var a = new byte[16];
        prefix.CopyTo(a, 0);
        a[8] = (byte)(m[0] ^ 0x02);
        a[9] = m[1];
        a[10] = m[2];
        a[11] = 0xff;
        a[12] = 0xfe;
        a[13] = m[3];
        a[14] = m[4];
        a[15] = m[5];
        return new IPAddress(a);
    }

    /// <summary>The usable addresses' text for CIPSTA?/CIFSR: (ll, gl), null where absent.</summary>
    public (string? LinkLocal, string? Global) Text(EmulatorState state)
    {
        lock (gate)
        {
            if (!Enabled || state.WifiState != 2) return (null, null);
            return (LinkLocal is null ? null : Ipv6Text.Of(LinkLocal), Global is null ? null : Ipv6Text.Of(Global));
        }
    }

    /// <summary>Whether the station can use IPv6 now (CIPV6=1 and a link-local address): v6 links and servers need it.</summary>
    public bool Usable(EmulatorState state)
    {
        lock (gate) return Enabled && state.WifiState == 2 && LinkLocal is not null;
    }
}
