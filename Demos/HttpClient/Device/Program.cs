using System.Diagnostics;
using Esp32At.CircuitPython;
using Esp32At.TinyCLR.Uart;
using CpWifi = Esp32At.CircuitPython.Wifi;

namespace Esp32At.Demos.HttpClient
{
    /// <summary>
    /// The HTTP client demo on a SITCore board: the shared steps over the CircuitPython-style API, then TinyCLR's own
    /// HttpWebRequest over the provider. The servers are the host demo's, run on the PC with --port (it prints the CA); wiring in BoardPins.cs.
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
            if (!CpWifi.Init(transport, init)) { log.Line("wifi.init failed: " + CpWifi.LastInitError); return; }
            CpWifi.Radio.Connect(BoardPins.Ssid, BoardPins.Password);
            log.Line("joined as " + CpWifi.Radio.Ipv4Address);
            var ssl = new SslContext();
            ssl.LoadVerifyLocations(CaPem);
            new HttpClientDemoSteps(new CircuitPythonNetwork(new SocketPool(CpWifi.Radio), ssl), target, log).RunAll();
            CpWifi.Deinit();

            // Pass 2: TinyCLR's HttpWebRequest over the provider (the default network controller now).
            ProviderStartup.Start(board, transport, true);
            log.Line("-- TinyCLR HttpWebRequest over Esp32AtNetworkProvider --");
            new WebRequestPass(log).RunAll(target, CaPem);
        }

        private sealed class DebugLog : IDemoLog
        {
            public void Line(string text) { Debug.WriteLine(text); }
            public void Progress(string text) { Debug.WriteLine(text); }
        }
    }
}
