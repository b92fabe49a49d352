using System.Diagnostics;
using System.Threading;
using Esp32At.CircuitPython;
using Esp32At.TinyCLR.Provider;
using Esp32At.TinyCLR.Uart;
using Esp32At.Wifi;
using GHIElectronics.TinyCLR.Devices.Gpio;

namespace Esp32At.Demos.HttpServer
{
    /// <summary>
    /// The HTTP server demo on a SITCore board: the status page, GET /api/status and POST /api/led (driving the board's
    /// LED), advertised as esp32at.local. Served by TinyCLR's own HttpListener through the Esp32At provider (default), or
    /// by the minimal server on the CircuitPython-style sockets; in station mode (joins BoardPins.Ssid) or as a soft-AP
    /// the phone joins. Wiring in BoardPins.cs.
    /// </summary>
    public static class Program
    {
        /// <summary>true: TinyCLR's HttpListener over the provider; false: MiniHttpServer on the CircuitPython sockets.</summary>
        public static bool UseHttpListener = true;

        /// <summary>true: the ESP runs its own network (SoftApSsid) instead of joining BoardPins.Ssid.</summary>
        public static bool SoftAp = false;

        /// <summary>The soft-AP's network name and password (WPA2, 8-64 characters).</summary>
        public const string SoftApSsid = "Esp32At-demo";
        public const string SoftApPassword = "esp32at-demo";

        /// <summary>
        /// Set both (PEM text) to serve HTTPS on port 443 with the CircuitPython sockets: the ESP terminates TLS with this
        /// certificate and key (<c>SslContext.LoadCertChain</c>, provisioned through <c>AT+SYSMFG</c>), so the board never
        /// runs TLS itself. Make the pair with any CA the clients trust (e.g. <c>openssl req -x509</c>); the key stays on
        /// the ESP's flash. Ignored by the HttpListener path (set <see cref="UseHttpListener"/> to false).
        /// </summary>
        public static string HttpsCertificatePem = null;

        /// <summary>The private key (PEM) that goes with <see cref="HttpsCertificatePem"/>.</summary>
        public static string HttpsKeyPem = null;

        private const int Port = 80;
        private const int HttpsPort = 443;
        private const string Hostname = "esp32at";

        public static void Main()
        {
            var board = BoardPins.Current;
            var log = new DebugLog();
            var transport = new UartTransport(board.UartName, board.BaudRate, false, board.ResetPin);
            var led = new GpioLed(board.LedPin);
            if (UseHttpListener) RunListener(board, transport, led, log);
            else RunSockets(board, transport, led, log);
        }

        private static void RunListener(BoardPins board, UartTransport transport, ILed led, IServerLog log)
        {
            var provider = ProviderStartup.Start(board, transport, !SoftAp);
            var wifi = provider.Wifi;
            string address;
            if (SoftAp)
            {
                wifi.StartSoftAp(new SoftApSettings(SoftApSsid, SoftApPassword, 1, WifiAuthMode.Wpa2Psk, 4, false));
                address = WifiText.FormatIPv4(wifi.QuerySoftApIpv4().Address);
                log.Line("soft-AP \"" + SoftApSsid + "\" up; join it and open http://" + address + "/");
            }
            else
            {
                address = WifiText.FormatIPv4(wifi.QueryStationIpv4().Address);
            }
            wifi.Advertise(new MdnsAdvertisement(Hostname, "_http", Port, "Esp32At demo", "_tcp", null, null));
            log.Line("Open http://" + address + "/ or http://" + Hostname + ".local/ (TinyCLR HttpListener)");
            new ListenerServer(new DemoApp(led, address), log, Port).Run(new ManualResetEvent(false));
        }

        private static void RunSockets(BoardPins board, UartTransport transport, ILed led, IServerLog log)
        {
            var init = new WifiInitOptions();
            init.BaudRate = board.FastBaudRate;
            init.HardwareFlowControl = board.HardwareFlowControl;
            init.HardReset = board.ResetPin >= 0 ? ResetPolicy.Always : ResetPolicy.Never;
            if (!Esp32At.CircuitPython.Wifi.Init(transport, init)) { log.Line("wifi.init failed: " + Esp32At.CircuitPython.Wifi.LastInitError); return; }
            var radio = Esp32At.CircuitPython.Wifi.Radio;
            string address;
            if (SoftAp)
            {
                radio.StartAp(SoftApSsid, SoftApPassword, 1, AuthMode.Wpa2 | AuthMode.Psk);
                address = radio.Ipv4AddressAp.ToString();
            }
            else
            {
                radio.Connect(BoardPins.Ssid, BoardPins.Password);
                address = radio.Ipv4Address.ToString();
            }
            bool https = HttpsCertificatePem != null && HttpsKeyPem != null;
            SslContext tls = null;
            if (https)
            {
                tls = Ssl.CreateDefaultContext();
                tls.LoadCertChain(HttpsCertificatePem, HttpsKeyPem);
            }
            int port = https ? HttpsPort : Port;
            string scheme = https ? "https" : "http";
            var mdns = new Esp32At.CircuitPython.Mdns.Server(radio);
            mdns.Hostname = Hostname;
            mdns.AdvertiseService(https ? "_https" : "_http", "_tcp", port);
            log.Line("Open " + scheme + "://" + address + "/ or " + scheme + "://" + Hostname + ".local/ (CircuitPython sockets)");
            var listener = new CircuitPythonListener(new SocketPool(radio), port, 5, tls);
            new MiniHttpServer(listener, new DemoApp(led, address), new RequestReader(), log).Run(new ManualResetEvent(false));
        }

        private sealed class GpioLed : ILed
        {
            private readonly GpioPin pin;
            private bool on;

            public GpioLed(int pinNumber)
            {
                pin = GpioController.GetDefault().OpenPin(pinNumber);
                pin.SetDriveMode(GpioPinDriveMode.Output);
                pin.Write(GpioPinValue.Low);
            }

            public bool On
            {
                get { return on; }
                set { on = value; pin.Write(value ? GpioPinValue.High : GpioPinValue.Low); }
            }
        }

        private sealed class DebugLog : IServerLog
        {
            public void Line(string text) { Debug.WriteLine(text); }
        }
    }
}
