using System.CommandLine;
using System.Net;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Radio;
using Esp32At.Emulator.Transports;

namespace Esp32At.Emulator;

/// <summary>The emulator as a command-line tool: an ESP-AT module on a raw TCP port.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var listen = new Option<string>("--listen") { Description = "Address:port of the raw TCP port the AT UART is exposed on (like ser2net).", DefaultValueFactory = _ => "127.0.0.1:5555" };
        var profile = new Option<string>("--profile") { Description = "Firmware profile: " + string.Join(", ", FirmwareProfile.All.Select(p => p.Name)) + ".", DefaultValueFactory = _ => FirmwareProfile.V4_1_1_C3.Name };
        var aps = new Option<string[]>("--ap") { Description = "A simulated access point: ssid,password[,rssi[,channel[,auth]]] (auth OPEN, WPA, WPA2, WPA_WPA2, WPA3, WPA2_WPA3). Repeatable.", AllowMultipleArgumentsPerToken = false };
        var speed = new Option<double>("--speed") { Description = "Scale of every firmware delay (1 = realistic, 0 = instant).", DefaultValueFactory = _ => 1.0 };
        var dns = new Option<string[]>("--dns") { Description = "A name the emulated ESP resolves: name=ipv4 (e.g. example.test=127.0.0.1). Repeatable." };
        var root = new RootCommand("ESP-AT firmware emulator: an ESP32-C3/C6 running Espressif ESP-AT, byte-exact, with real loopback sockets behind its links.")
        {
            listen, profile, aps, speed, dns,
        };
        root.SetAction(result =>
        {
            var endpoint = IPEndPoint.Parse(result.GetValue(listen)!);
            var options = new EmulatorOptions
            {
                Profile = FirmwareProfile.Named(result.GetValue(profile)!),
                SpeedFactor = result.GetValue(speed),
                AccessPoints = result.GetValue(aps) is { Length: > 0 } list ? list.Select(AccessPoint.Parse).ToList() : new EmulatorOptions().AccessPoints,
            };
            using var emulator = new EspEmulator(options);
            foreach (var entry in result.GetValue(dns) ?? [])
            {
                var parts = entry.Split('=', 2);
                if (parts.Length != 2 || !IPAddress.TryParse(parts[1], out var address)) throw new FormatException($"--dns '{entry}': expected name=ipv4");
                emulator.Links.Dns.Add(parts[0], address);
            }
            using var bridge = new TcpPortBridge(emulator.Port, endpoint);
            Console.WriteLine($"ESP-AT emulator {options.Profile.Name} listening on {bridge.EndPoint} (access points: {string.Join(", ", options.AccessPoints.Select(a => a.Ssid))}). Ctrl+C stops.");
            using var stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
            stop.Wait();
            return 0;
        });
        return root.Parse(args).Invoke();
    }
}
