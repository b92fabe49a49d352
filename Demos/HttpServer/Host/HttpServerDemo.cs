using System.CommandLine;
using System.Net;
using Esp32At.CircuitPython;
using Esp32At.Demos.Common;
using CpWifi = Esp32At.CircuitPython.Wifi;
using MdnsServer = Esp32At.CircuitPython.Mdns.Server;

namespace Esp32At.Demos.HttpServer;

/// <summary>
/// The host side of the HTTP server demo: brings up the ESP (serial port or emulator), joins Wi-Fi, advertises
/// <c>esp32at.local</c> over mDNS, listens on an ESP port with the CircuitPython-style sockets and serves the status
/// page and API. On the emulator it prints the 127.0.0.1 URL its port map gives the ESP port, for a browser or curl.
/// </summary>
public static class HttpServerDemo
{
    /// <summary>The line that announces the URL starts with this.</summary>
    public const string UrlPrefix = "Open ";

    /// <summary>With <c>--https</c>, the line that names the file holding the run's CA certificate starts with this.</summary>
    public const string CaPrefix = "CA certificate: ";

    /// <summary>The MAC of the phone the emulator lets join the soft-AP in <c>--ap</c> mode.</summary>
    public const string SimulatedPhoneMac = "02:50:48:4f:4e:45";

    /// <summary>Runs the demo with <paramref name="args"/>; <paramref name="stop"/> ends it, <paramref name="opened"/> sees the
    /// session (the emulator) once the ESP is up and serving is about to start.</summary>
    public static int Run(string[] args, IServerLog log, WaitHandle? stop = null, Action<DemoSession>? opened = null)
    {
        var cli = new DemoCommandLine();
        var seconds = new Option<int>("--seconds") { HelpName = "n", Description = "Stop after n seconds (0 = until Ctrl+C)." };
        var espPort = new Option<int?>("--listen-port") { HelpName = "port", Description = "The ESP port to serve on (default 80, 443 with --https)." };
        var https = new Option<bool>("--https") { Description = "Serve HTTPS: the ESP terminates TLS with a server certificate issued at start-up by a throwaway CA (its PEM is written to a temp file for curl --cacert)." };
        var requestTimeout = new Option<int>("--request-timeout") { HelpName = "ms", Description = "Time a client has to send its request before it gets 408.", DefaultValueFactory = _ => 5000 };
        var hostname = new Option<string>("--hostname") { HelpName = "name", Description = "mDNS host name (name.local); empty = no mDNS.", DefaultValueFactory = _ => "esp32at" };
        var ap = new Option<bool>("--ap") { Description = "Soft-AP mode: the ESP runs its own network (--ap-ssid/--ap-password) instead of joining --ssid; on the emulator a simulated phone joins it." };
        var apSsid = new Option<string>("--ap-ssid") { HelpName = "name", Description = "The soft-AP's network name.", DefaultValueFactory = _ => "Esp32At-demo" };
        var apPassword = new Option<string>("--ap-password") { HelpName = "secret", Description = "The soft-AP's WPA2 password (8-64 characters; empty = open).", DefaultValueFactory = _ => "esp32at-demo" };
        var root = cli.Create("Esp32At HTTP server demo: a status page and JSON API (GET /api/status, POST /api/led) served through the ESP32.",
            seconds, espPort, https, requestTimeout, hostname, ap, apSsid, apPassword);
        root.SetAction(r => Run(cli.Read(r), r.GetValue(seconds), r.GetValue(espPort) ?? (r.GetValue(https) ? 443 : 80), r.GetValue(https), r.GetValue(requestTimeout), r.GetValue(hostname)!,
            r.GetValue(ap) ? new SoftApMode(r.GetValue(apSsid)!, r.GetValue(apPassword)!) : null, log, stop, opened));
        return root.Parse(args).Invoke();
    }

    private static int Run(DemoOptions options, int seconds, int espPort, bool https, int requestTimeoutMs, string hostname, SoftApMode? softAp, IServerLog log, WaitHandle? external, Action<DemoSession>? opened)
    {
        using var session = DemoSession.Open(options);
        string? caFile = null;
        log.Line($"Esp32At HttpServer demo on {session.Describe()}");
        var init = new WifiInitOptions
        {
            BaudRate = options.EffectiveSwitchBaud,
            HardwareFlowControl = options.RtsCts,
            HardReset = options.Reset != Hosting.ResetLine.None ? ResetPolicy.Always : ResetPolicy.Never,
        };
        try
        {
            if (!CpWifi.Init(session.Transport, init))
            {
                log.Line($"ESP did not come up: {CpWifi.LastInitError?.Message}");
                return 1;
            }
            session.AttachTrace(CpWifi.Device!.Executor, Console.Out);
            var radio = CpWifi.Radio!;
            string address;
            if (softAp is null)
            {
                radio.Connect(options.Ssid, options.Password);
                address = radio.Ipv4Address.ToString();
                log.Line($"{CpWifi.AtVersion}; joined \"{options.Ssid}\" as {address}");
            }
            else
            {
                address = softAp.Start(radio, session.Emulator, log);
            }
            if (hostname.Length > 0) Advertise(radio, hostname, espPort, log);
            softAp?.ListStations(radio, log);
            opened?.Invoke(session);

            var pool = new SocketPool(radio);
            var tls = https ? ServerTls(hostname, address, log, out caFile) : null;
            using var listener = new CircuitPythonListener(pool, espPort, 5, tls);
            var app = new DemoApp(new SimulatedLed(log), address);
            var url = session.Emulator?.Links.Ports.TcpServer(espPort) is { } mapped
                ? $"{(https ? "https" : "http")}://127.0.0.1:{mapped.Port}/"
                : $"{(https ? "https" : "http")}://{address}{(espPort == (https ? 443 : 80) ? "" : ":" + espPort)}/";
            var curl = caFile is null ? "curl" : $"curl --cacert {caFile}";
            log.Line($"{UrlPrefix}{url}  (ESP port {espPort}{(session.Emulator is not null ? ", mapped to this machine by the emulator" : "")})");
            log.Line($"  try: {curl} {url}api/status   {curl} -X POST -d '{{\"toggle\":true}}' {url}api/led");

            using var stop = new ManualResetEvent(false);
            using var timer = seconds > 0 ? new Timer(_ => stop.Set(), null, seconds * 1000, Timeout.Infinite) : null;
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Set(); };
            Console.CancelKeyPress += onCancel;
            var relay = external is null ? null : ThreadPool.RegisterWaitForSingleObject(external, (_, _) => stop.Set(), null, -1, true);
            try
            {
                new MiniHttpServer(listener, app, new RequestReader { RequestTimeoutMs = requestTimeoutMs }, log).Run(stop);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                relay?.Unregister(null);
            }
            log.Line($"HttpServer demo stopped: {app.Served} requests served, {app.Refused} refused.");
            return 0;
        }
        catch (Exception e)
        {
            log.Line($"HttpServer demo failed: {e.GetType().Name}: {e.Message}");
            return 1;
        }
        finally
        {
            CpWifi.Deinit();
            if (caFile is not null) File.Delete(caFile);
        }
    }

    /// <summary>
    /// A TLS context for the server side: a CA made now issues a certificate for the ESP's names and addresses (and
    /// 127.0.0.1, where the emulator maps the port), which <c>load_cert_chain</c> hands to the ESP. The CA's PEM goes
    /// to a temp file so a browser or curl can verify the chain; the keys never touch the disk.
    /// </summary>
    private static SslContext ServerTls(string hostname, string address, IServerLog log, out string caFile)
    {
        var names = new List<string> { "localhost" };
        if (hostname.Length > 0) names.Insert(0, hostname + ".local");
        var pki = new TestPki(names, [IPAddress.Parse(address), IPAddress.Loopback]);
        var tls = Ssl.CreateDefaultContext();
        tls.LoadCertChain(pki.ServerCertificatePem, pki.ServerKeyPem);
        caFile = Path.Combine(Path.GetTempPath(), $"esp32at-demo-ca-{Path.GetRandomFileName()}.pem");
        File.WriteAllText(caFile, pki.CaPem);
        log.Line($"{CaPrefix}{caFile}  (a CA made for this run; the ESP serves a certificate it issued for {string.Join(", ", names)}, {address}, 127.0.0.1)");
        return tls;
    }

    private static void Advertise(Radio radio, string hostname, int port, IServerLog log)
    {
        try
        {
            var mdns = new MdnsServer(radio) { Hostname = hostname, InstanceName = "Esp32At demo" };
            mdns.AdvertiseService("_http", "_tcp", port);
            log.Line($"mDNS: {hostname}.local, _http._tcp port {port}");
        }
        catch (Exception e)
        {
            log.Line($"mDNS not available: {e.Message}");
        }
    }
}
