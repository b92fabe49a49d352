using System.CommandLine;
using System.Net;
using System.Text;
using Esp32At.Demos.Common;

namespace Esp32At.Demos.DeviceTests;

/// <summary>
/// The device test runner on the host: starts the peer servers on this machine (TCP and UDP echo, HTTP, HTTPS with a
/// CA made now), brings up the ESP (serial port or emulator) and runs the scenarios. Exit code 0 only if all passed.
/// </summary>
public static class DeviceTestsHost
{
    /// <summary>The name the HTTPS peer's certificate carries; the emulated ESP resolves it to this machine.</summary>
    public const string PeerName = "peer.test";

    public static int Run(string[] args, ITestOutput output)
    {
        var cli = new DemoCommandLine();
        var peer = new Option<string>("--peer") { HelpName = "ipv4", Description = "With --port: this machine's address as the ESP reaches it (default: the address of the default route)." };
        var resolve = new Option<string>("--resolve") { HelpName = "name", Description = "With --port: the name the DNS test resolves (default espressif.com)." };
        var throughput = new Option<int>("--throughput") { HelpName = "bytes", Description = "Bytes the throughput test downloads.", DefaultValueFactory = _ => 64 * 1024 };
        var peersOnly = new Option<bool>("--peers-only") { Description = "Only run the peer servers (TCP/UDP echo 7007, HTTP 8080, HTTPS 8443) for the DeviceTests app on a board, and print their CA; until Ctrl+C." };
        var root = cli.Create("Esp32At device tests: init, scan, join, DNS, TCP/UDP echo, HTTPS, server accept, throughput and reboot recovery against an ESP32 (or the emulator).",
            peer, resolve, throughput, peersOnly);
        root.SetAction(r => r.GetValue(peersOnly)
            ? RunPeers(r.GetValue(peer), output)
            : Run(cli.Read(r), r.GetValue(peer), r.GetValue(resolve), r.GetValue(throughput), output));
        return root.Parse(args).Invoke();
    }

    /// <summary>
    /// The peers a board's DeviceTests app talks to, on the fixed ports built into Device/Program.cs, until Ctrl+C. The
    /// CA is made at start: paste it into the app's CaPem and deploy while this keeps running.
    /// </summary>
    private static int RunPeers(string? peerText, ITestOutput output)
    {
        var peerAddress = peerText is not null ? IPAddress.Parse(peerText) : LanAddress.Find();
        var pki = new TestPki([PeerName], [IPAddress.Loopback, peerAddress]);
        using var tcpEcho = new TcpEchoServer(IPAddress.Any, 7007);
        using var udpEcho = new UdpEchoServer(IPAddress.Any, 7007);
        using var http = new DemoWebServer(IPAddress.Any, null, 8080);
        using var https = new DemoWebServer(IPAddress.Any, pki.ServerCertificate, 8443);
        output.Line($"Peers for the board on {peerAddress}: TCP and UDP echo {tcpEcho.Port}, HTTP {http.Port}, HTTPS {https.Port} (certificate for {PeerName} and {peerAddress})");
        output.Line("Set BoardPins.PeerHost = \"" + peerAddress + "\" and paste this CA into Demos/DeviceTests/Device/Program.cs (CaPem):\n" + pki.CaPem);
        output.Line("Serving until Ctrl+C.");
        using var stop = new ManualResetEvent(false);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
        stop.WaitOne();
        return 0;
    }

    private static int Run(DemoOptions options, string? peerText, string? resolveName, int throughputBytes, ITestOutput output)
    {
        var peerAddress = options.UsesEmulator ? IPAddress.Loopback : peerText is not null ? IPAddress.Parse(peerText) : LanAddress.Find();
        var bind = options.UsesEmulator ? IPAddress.Loopback : IPAddress.Any;
        var pki = new TestPki([PeerName], [IPAddress.Loopback, peerAddress]);
        // For a board, fixed ports (the board's app has them built in, see Device/Program.cs); on the emulator, any free ones.
        bool hw = !options.UsesEmulator;
        using var tcpEcho = new TcpEchoServer(bind, hw ? 7007 : 0);
        using var udpEcho = new UdpEchoServer(bind, hw ? 7007 : 0);
        using var http = new DemoWebServer(bind, null, hw ? 8080 : 0);
        using var https = new DemoWebServer(bind, pki.ServerCertificate, hw ? 8443 : 0);
        if (hw) output.Line("Peer CA (for a board's app):\n" + pki.CaPem);
        using var session = DemoSession.Open(options);
        session.AddDnsName(PeerName, IPAddress.Loopback);
        var config = new DeviceTestConfig
        {
            Ssid = options.Ssid,
            Password = options.Password,
            ResolveName = options.UsesEmulator ? PeerName : resolveName ?? "espressif.com",
            PeerHost = options.UsesEmulator ? PeerName : peerAddress.ToString(),
            TcpEchoPort = tcpEcho.Port,
            UdpEchoPort = udpEcho.Port,
            HttpPort = http.Port,
            HttpsPort = https.Port,
            TlsServerName = PeerName,
            CaPem = Encoding.ASCII.GetBytes(pki.CaPem),
            ThroughputBytes = throughputBytes,
            BaudRate = options.EffectiveSwitchBaud,
            HardwareFlowControl = options.RtsCts,
        };
        output.Line($"Esp32At device tests on {session.Describe()}; peer {config.PeerHost} ({peerAddress})");
        var runner = new DeviceTestRunner(output);
        return runner.RunAll(new DeviceScenarios(session.Transport, config, new LocalPeer(session.Emulator))) ? 0 : 1;
    }
}
