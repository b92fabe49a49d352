using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Transports;

namespace Esp32At.Emulator;

/// <summary>The emulator as a command-line tool: an ESP-AT module on a raw TCP port and/or a pseudo-terminal.</summary>
internal static class Program
{
    private const string DefaultListen = "127.0.0.1:5555";

    private static int Main(string[] args)
    {
        var config = new Option<FileInfo>("--config") { HelpName = "file.json", Description = "A JSON file with any of the options below (camelCase keys: listen, pty, log, profile, speed, network, softApNetwork, baud, accessPoints [list], dns {name: ip}) and any simple emulator option (bootTimeMs, joinTimeMs, stationIp, ...). Options given on the command line override it." };
        var listen = new Option<string>("--listen") { HelpName = "address:port", Description = $"Address:port of the raw TCP port the AT UART is exposed on (like ser2net). Default {DefaultListen}, unless --pty is given." };
        var pty = new Option<bool>("--pty") { Description = "Expose the AT UART as a Linux pseudo-terminal and print its /dev/pts/N path. Its terminal speed is the host's baud rate (set it like on a real port after AT+UART_CUR)." };
        var log = new Option<string>("--log") { HelpName = "file", Description = "Write a timestamped log of both UART directions to this file ('12.345 H> AT+GMR\\r\\n' host to ESP, '12.350 E< ...' ESP to host)." };
        var profile = new Option<string>("--profile") { HelpName = "name", Description = "Firmware profile: " + string.Join(", ", FirmwareProfile.All.Select(p => p.Name)) + ".", DefaultValueFactory = _ => FirmwareProfile.V4_1_1_C3.Name };
        var aps = new Option<string[]>("--ap") { HelpName = "ap", Description = "A simulated access point: ssid,password[,rssi[,channel[,auth[,bssid]]]] (auth OPEN, WEP, WPA, WPA2, WPA_WPA2, WPA3, WPA2_WPA3 or a number; the BSSID defaults to one derived from the SSID). Repeatable.", AllowMultipleArgumentsPerToken = false };
        var speed = new Option<double>("--speed") { HelpName = "factor", Description = "Scale of every firmware delay and of UART pacing (1 = realistic, 0 = instant, no pacing).", DefaultValueFactory = _ => 1.0 };
        var network = new Option<string>("--network") { HelpName = "path", Description = "The simulated network the station's links cross (the AP's uplink: connect, data both ways, close), scaled by --speed: lan (default: 2 ms one way + 0-1 ms jitter, 2.5 MB/s), wan (20-40 ms, 1.25 MB/s), none (bare loopback) or oneWayMs,jitterMs,bytesPerSecond." };
        var softApNetwork = new Option<string>("--softap-network") { HelpName = "path", Description = "The simulated network of the soft-AP's LAN (CWMODE 2/3): server links accepted from its stations and client links to its subnet cross it instead of --network. Same forms as --network; default lan." };
        var baud = new Option<int>("--baud") { HelpName = "rate", Description = "Initial UART baud rate of the ESP (as if stored by AT+UART_DEF); bytes take their wire time at the current rate (10 bits a byte) scaled by --speed.", DefaultValueFactory = _ => 115200 };
        var dns = new Option<string[]>("--dns") { HelpName = "name=ip[,ip]", Description = "A name the emulated ESP resolves: name=ipv4, name=ipv6 (AAAA) or both (e.g. example.test=127.0.0.1,::1). Repeatable." };
        var mdns = new Option<string[]>("--mdns-service") { HelpName = "service", Description = "A DNS-SD service on the simulated LAN, answering mDNS queries the ESP's UDP links send to 224.0.0.251:5353: instance,type,host,address,port[,key=value;key=value] (e.g. \"Office Printer,_http._tcp,printer,192.168.1.20,80,path=/\"). Repeatable." };
        var coldClock = new Option<bool>("--cold-clock") { Description = "Start with the ESP's clock at 1970 (a cold power-on): TLS with server verification (CIPSSLCCONF modes 2/3) fails until SNTP or AT+SYSTIMESTAMP sets it. Default: the clock already holds the network time." };
        var latency = new Option<string>("--latency") { HelpName = "NAME=ms,...", Description = "Change the firmware's per-command processing times (scaled by --speed), e.g. CIPSEND=1,CIPRECVDATA=1 (AT for the bare AT). Defaults: Core/CommandLatency.cs (CIPSEND 2 ms; evidence in docs/performance.md)." };
        var root = new RootCommand("ESP-AT firmware emulator: an ESP32-C3/C6 running Espressif ESP-AT, byte-exact, with real loopback sockets behind its links.")
        {
            config, listen, pty, log, profile, aps, speed, network, softApNetwork, baud, dns, mdns, coldClock, latency,
        };
        root.SetAction(result =>
        {
            var fromCli = new EmulatorConfigFile
            {
                Listen = Given(result, listen) ? result.GetValue(listen) : null,
                Pty = Given(result, pty) ? result.GetValue(pty) : null,
                Log = Given(result, log) ? result.GetValue(log) : null,
                Profile = Given(result, profile) ? result.GetValue(profile) : null,
                Speed = Given(result, speed) ? result.GetValue(speed) : null,
                Network = Given(result, network) ? result.GetValue(network) : null,
                SoftApNetwork = Given(result, softApNetwork) ? result.GetValue(softApNetwork) : null,
                Baud = Given(result, baud) ? result.GetValue(baud) : null,
                AccessPoints = Given(result, aps) ? result.GetValue(aps)!.ToList() : null,
                Dns = Given(result, dns) ? EmulatorConfigFile.ParseDns(result.GetValue(dns)!) : null,
                MdnsServices = Given(result, mdns) ? result.GetValue(mdns)!.ToList() : null,
                Options = SimpleOptions(
                    Given(result, coldClock) && result.GetValue(coldClock) ? ("clockSetAtStart", false) : null,
                    Given(result, latency) ? ("commandLatency", result.GetValue(latency)) : null),
            };
            var file = result.GetValue(config);
            var settings = file is null ? fromCli : EmulatorConfigFile.Load(file.FullName).OverriddenBy(fromCli);
            return Run(settings);
        });
        return root.Parse(args).Invoke();
    }

    private static Dictionary<string, System.Text.Json.JsonElement>? SimpleOptions(params (string Key, object? Value)?[] given)
    {
        var options = given.OfType<(string Key, object? Value)>().ToDictionary(g => g.Key, g => System.Text.Json.JsonSerializer.SerializeToElement(g.Value));
        return options.Count == 0 ? null : options;
    }

    private static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static int Run(EmulatorConfigFile settings)
    {
        using var log = settings.Log is null ? null : ByteLog.ToFile(settings.Log);
        var options = settings.ToEmulatorOptions() with { UartLog = log };
        using var emulator = new EspEmulator(options);
        foreach (var (name, address) in settings.DnsEntries()) emulator.Links.Dns.Add(name, address);
        emulator.Links.Ports.Mapped += mapping => Console.WriteLine(mapping); // e.g. "ESP TCP port 80 -> 127.0.0.1:8080"

        var listen = settings.Listen ?? (settings.Pty == true ? null : DefaultListen);
        using var tcp = listen is null ? null : new TcpPortBridge(emulator.Port, IPEndPoint.Parse(listen));
        using var terminal = settings.Pty == true ? new PtyBridge(emulator.Port) : null;

        Console.WriteLine($"ESP-AT emulator {options.Profile.Name} at {options.BaudRate} baud, speed {options.SpeedFactor}, network {options.Path.Describe()}, soft-AP LAN {options.SoftApPath.Describe()} (access points: {string.Join(", ", options.AccessPoints.Select(a => a.Ssid))}).");
        if (tcp is not null) Console.WriteLine($"tcp: {tcp.EndPoint}");
        if (terminal is not null) Console.WriteLine($"pty: {terminal.SlavePath}");
        if (settings.Log is not null) Console.WriteLine($"log: {Path.GetFullPath(settings.Log)}");
        Console.WriteLine("Ctrl+C stops.");
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Set();
        stop.Wait();
        return 0;
    }
}
