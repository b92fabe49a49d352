using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using Esp32At.CircuitPython;
using Esp32At.TinyCLR.Provider;
using Esp32At.TinyCLR.Uart;
using GHIElectronics.TinyCLR.Devices.Network;

namespace Esp32At.Demos.HttpClient
{
    /// <summary>
    /// The HTTP client demo on a SITCore board: the shared steps over the CircuitPython-style API, then TinyCLR's own
    /// HttpWebRequest over the provider. The servers are the host demo's (see DemoServers below); wiring in BoardPins.cs.
    /// </summary>
    public static class Program
    {
        // The PC running the demo's servers, and their ports (fixed ports of the host demo run with a serial port; it prints the CA).
        private const int HttpPort = 8080;
        private const int HttpsPort = 8443;
        private const string CaPem = "-----BEGIN CERTIFICATE-----\n(paste the CA the host demo printed)\n-----END CERTIFICATE-----\n";

        public static void Main()
        {
            var board = BoardPins.Current;
            var log = new DebugLog();
            log.Line("Esp32At HttpClient demo on " + board.Name);
            var transport = new UartTransport(board.UartName, board.BaudRate, false, board.ResetPin);
            var target = new DemoTarget();
            target.Host = BoardPins.PeerHost;
            target.ResolveName = "espressif.com";
            target.HttpPort = HttpPort;
            target.HttpsPort = HttpsPort;
            target.TlsServerName = "demo.test";
            target.DownloadBytes = 256 * 1024;

            // Pass 1: the CircuitPython-style API.
            var init = new WifiInitOptions();
            init.BaudRate = board.FastBaudRate;
            init.HardwareFlowControl = board.HardwareFlowControl;
            init.HardReset = board.ResetPin >= 0 ? ResetPolicy.Always : ResetPolicy.Never;
            if (!Wifi.Init(transport, init)) { log.Line("wifi.init failed: " + Wifi.LastInitError); return; }
            Wifi.Radio.Connect(BoardPins.Ssid, BoardPins.Password);
            log.Line("joined as " + Wifi.Radio.Ipv4Address);
            var ssl = new SslContext();
            ssl.LoadVerifyLocations(CaPem);
            new HttpClientDemoSteps(new CircuitPythonNetwork(new SocketPool(Wifi.Radio), ssl), target, log).RunAll();
            Wifi.Deinit();

            // Pass 2: TinyCLR's HttpWebRequest over the provider.
            var provider = new Esp32AtNetworkProvider(transport);
            var controller = NetworkController.FromProvider(provider);
            var wifi = new WiFiNetworkInterfaceSettings();
            wifi.Ssid = BoardPins.Ssid;
            wifi.Password = BoardPins.Password;
            controller.SetInterfaceSettings(wifi);
            controller.SetAsDefaultController();
            controller.Enable();
            log.Line("-- TinyCLR HttpWebRequest --");
            Get(log, "http://" + target.Host + ":" + HttpPort + "/hello");
            Get(log, "http://" + target.Host + ":" + HttpPort + "/bytes/65536");
        }

        private static void Get(DebugLog log, string url)
        {
            long t0 = DateTime.UtcNow.Ticks;
            try
            {
                var request = (HttpWebRequest)WebRequest.Create(url);
                request.KeepAlive = false;
                using (var response = (HttpWebResponse)request.GetResponse())
                using (var stream = response.GetResponseStream())
                {
                    var buffer = new byte[1024];
                    long total = 0;
                    int n;
                    while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) total += n;
                    int ms = Units.MsSince(t0);
                    log.Line("[ok]   GET " + url + ": " + (int)response.StatusCode + ", " + Units.Bytes(total) + " at " + Units.Rate(total, ms));
                }
            }
            catch (Exception e)
            {
                log.Line("[FAIL] GET " + url + ": " + e.Message);
            }
        }

        private sealed class DebugLog : IDemoLog
        {
            public void Line(string text) { Debug.WriteLine(text); }
            public void Progress(string text) { Debug.WriteLine(text); }
        }
    }
}
