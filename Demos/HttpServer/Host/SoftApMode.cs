using Esp32At.CircuitPython;
using Esp32At.Emulator.Core;
using CpWifi = Esp32At.CircuitPython.Wifi;

namespace Esp32At.Demos.HttpServer;

/// <summary>
/// The server demo's <c>--ap</c> mode: the ESP runs its own network (<c>AT+CWSAP</c>) and serves on its soft-AP
/// address, so a phone can join the board directly. On the emulator a simulated phone joins (as
/// <c>+STA_CONNECTED</c>/<c>+DIST_STA_IP</c> from the firmware), so the station list has something to show.
/// </summary>
public sealed class SoftApMode(string ssid, string password)
{
    /// <summary>Starts the soft-AP and returns its address; lets the simulated phone join on the emulator.</summary>
    public string Start(Radio radio, EspEmulator? emulator, IServerLog log)
    {
        radio.StartAp(ssid, password, 1, password.Length > 0 ? AuthMode.Wpa2 | AuthMode.Psk : 0);
        var address = radio.Ipv4AddressAp.ToString();
        log.Line($"{CpWifi.AtVersion}; soft-AP \"{ssid}\" up at {address}" + (password.Length > 0 ? $" (WPA2, password \"{password}\")" : " (open)"));
        if (emulator is not null)
        {
            var phone = emulator.Radio.StationJoins(HttpServerDemo.SimulatedPhoneMac);
            log.Line(phone is null ? "simulated phone could not join" : $"simulated phone {phone.Mac} joined, leased {phone.Ip ?? "no address"}");
        }
        return address;
    }

    /// <summary>Prints the stations on the soft-AP (<c>AT+CWLIF</c> and the join notices).</summary>
    public void ListStations(Radio radio, IServerLog log)
    {
        var stations = radio.StationsAp;
        log.Line($"stations on \"{ssid}\": {stations.Length}");
        foreach (var station in stations)
            log.Line($"  station {FormatMac(station.MacAddress)} {station.Ipv4Address}");
    }

    private static string FormatMac(byte[] mac) => string.Join(":", mac.Select(b => b.ToString("x2")));
}
