using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Esp32At.CircuitPython;
using CpWifi = Esp32At.CircuitPython.Wifi;
using Esp32At.Demos.Common;
using Esp32At.TinyCLR.Provider;
using GHIElectronics.TinyCLR.Devices.Network;

namespace Esp32At.Demos.HttpClient;

/// <summary>
/// The host side of the HTTP client demo: starts local HTTP and HTTPS test servers (CA made at run time), brings up
/// the ESP (a serial port or the built-in emulator), then runs the same steps twice: over the CircuitPython-style API
/// and over the TinyCLR provider. Exit code 0 only when every step of both passes worked.
/// </summary>
public static class HttpClientDemo
{
    /// <summary>The name the local servers' certificate carries, and that the emulated ESP resolves to this machine.</summary>
    public const string ServerName = "demo.test";

    public static int Run(string[] args, IDemoLog log)
    {
        var cli = new DemoCommandLine();
        var download = new Option<int>("--download") { HelpName = "bytes", Description = "Size of the large download.", DefaultValueFactory = _ => 256 * 1024 };
        var face = new Option<string>("--face") { HelpName = "both|circuitpython|tinyclr", Description = "Which API to run the steps over.", DefaultValueFactory = _ => "both" };
        var server = new Option<string>("--server") { HelpName = "ipv4", Description = "With --port: this machine's address as the ESP reaches it (default: the address of the default route)." };
        var resolve = new Option<string>("--resolve") { HelpName = "name", Description = "With --port: the name to resolve in the DNS step (default espressif.com)." };
        var root = cli.Create("Esp32At HTTP client demo: join Wi-Fi, DNS, HTTP GET/POST, chunked, HTTPS with verification and a large download through the ESP32.",
            download, face, server, resolve);
        root.SetAction(r => Run(cli.Read(r), r.GetValue(download), r.GetValue(face)!, r.GetValue(server), r.GetValue(resolve), log));
        return root.Parse(args).Invoke();
    }

    private static int Run(DemoOptions options, int downloadBytes, string face, string? serverText, string? resolveName, IDemoLog log)
    {
        var serverAddress = options.UsesEmulator ? IPAddress.Loopback : serverText is not null ? IPAddress.Parse(serverText) : LanAddress.Find();
        var pki = new TestPki([ServerName, "localhost"], [IPAddress.Loopback, serverAddress]);
        var bind = options.UsesEmulator ? IPAddress.Loopback : IPAddress.Any;
        // For a board, fixed ports (the board's app has them built in, see Device/Program.cs); on the emulator, any free ones.
        using var http = new DemoWebServer(bind, null, options.UsesEmulator ? 0 : 8080);
        using var https = new DemoWebServer(bind, pki.ServerCertificate, options.UsesEmulator ? 0 : 8443);
        using var session = DemoSession.Open(options);
        session.AddDnsName(ServerName, IPAddress.Loopback);
        var target = new DemoTarget
        {
            Host = options.UsesEmulator ? ServerName : serverAddress.ToString(),
            ResolveName = options.UsesEmulator ? ServerName : resolveName ?? "espressif.com",
            HttpPort = http.Port,
            HttpsPort = https.Port,
            TlsServerName = ServerName,
            DownloadBytes = downloadBytes,
        };
        log.Line("Esp32At HttpClient demo");
        log.Line($"  ESP:     {session.Describe()}");
        log.Line($"  servers: http://{target.Host}:{http.Port}, https://{ServerName}:{https.Port} (test CA generated now, loaded onto the ESP)");
        if (!options.UsesEmulator) log.Line("  CA (for a board's app, Device/Program.cs):\n" + pki.CaPem);

        int failed = 0, passed = 0;
        if (face is "both" or "circuitpython") Count(RunCircuitPython(session, target, pki, log), ref passed, ref failed);
        if (face is "both" or "tinyclr") Count(RunProvider(session, target, pki, log, reset: face != "both"), ref passed, ref failed);
        log.Line($"HttpClient demo: {passed} steps passed, {failed} failed.");
        return failed == 0 && passed > 0 ? 0 : 1;
    }

    private static void Count((int Passed, int Failed) result, ref int passed, ref int failed)
    {
        passed += result.Passed;
        failed += result.Failed;
    }

    private static (int, int) RunCircuitPython(DemoSession session, DemoTarget target, TestPki pki, IDemoLog log)
    {
        var o = session.Options;
        long t0 = DateTime.UtcNow.Ticks;
        var init = new WifiInitOptions
        {
            BaudRate = o.EffectiveSwitchBaud,
            HardwareFlowControl = o.RtsCts,
            HardReset = o.Reset != Hosting.ResetLine.None ? ResetPolicy.Always : ResetPolicy.Never,
        };
        try
        {
            if (!CpWifi.Init(session.Transport, init)) return Fail(log, "wifi.init", CpWifi.LastInitError);
            session.AttachTrace(CpWifi.Device!.Executor, Console.Out);
            log.Line($"[ok]   ESP up: {CpWifi.AtVersion}, UART {session.Transport.BaudRate} baud ({Units.MsSince(t0)} ms)");
            long t1 = DateTime.UtcNow.Ticks;
            CpWifi.Radio!.Connect(o.Ssid, o.Password);
            log.Line($"[ok]   joined \"{o.Ssid}\": address {CpWifi.Radio.Ipv4Address} ({Units.MsSince(t1)} ms)");
            var ssl = new SslContext();
            ssl.LoadVerifyLocations(pki.CaPem);
            var steps = new HttpClientDemoSteps(new CircuitPythonNetwork(new SocketPool(CpWifi.Radio), ssl), target, log);
            steps.RunAll();
            return (steps.Passed + 2, steps.Failed);
        }
        catch (Exception e)
        {
            return Fail(log, "CircuitPython pass", e);
        }
        finally
        {
            CpWifi.Deinit();
        }
    }

    private static (int, int) RunProvider(DemoSession session, DemoTarget target, TestPki pki, IDemoLog log, bool reset)
    {
        var o = session.Options;
        using var provider = new Esp32AtNetworkProvider(session.Transport, session.DeviceOptions(reset));
        try
        {
            long t0 = DateTime.UtcNow.Ticks;
            var controller = NetworkController.FromProvider(provider);
            controller.SetInterfaceSettings(new WiFiNetworkInterfaceSettings { Ssid = o.Ssid, Password = o.Password });
            controller.SetAsDefaultController();
            controller.Enable();
            session.AttachTrace(provider.Device.Executor, Console.Out);
            log.Line($"[ok]   NetworkController enabled: address {controller.GetIPProperties().Address} ({Units.MsSince(t0)} ms)");
            var ca = X509Certificate2.CreateFromPem(pki.CaPem);
            provider.LoadCa(ca);
            var steps = new HttpClientDemoSteps(new ProviderNetwork(provider, ca), target, log);
            steps.RunAll();
            return (steps.Passed + 1, steps.Failed);
        }
        catch (Exception e)
        {
            return Fail(log, "TinyCLR provider pass", e);
        }
    }

    private static (int, int) Fail(IDemoLog log, string what, Exception? e)
    {
        log.Line($"[FAIL] {what}: {e?.GetType().Name}: {e?.Message}");
        return (0, 1);
    }
}
