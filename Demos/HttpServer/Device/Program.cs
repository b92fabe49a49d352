using System.Diagnostics;
using System.Threading;
using Esp32At.CircuitPython;
using Esp32At.TinyCLR.Uart;
using GHIElectronics.TinyCLR.Devices.Gpio;

namespace Esp32At.Demos.HttpServer
{
    /// <summary>
    /// The HTTP server demo on a SITCore board: the shared server (status page, GET /api/status, POST /api/led driving
    /// the board's LED) on the CircuitPython-style sockets, advertised as esp32at.local. Wiring in BoardPins.cs.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            var board = BoardPins.Current;
            var log = new DebugLog();
            var transport = new UartTransport(board.UartName, board.BaudRate, false, board.ResetPin);
            var init = new WifiInitOptions();
            init.BaudRate = board.FastBaudRate;
            init.HardwareFlowControl = board.HardwareFlowControl;
            if (!Wifi.Init(transport, init)) { log.Line("wifi.init failed: " + Wifi.LastInitError); return; }
            Wifi.Radio.Connect(BoardPins.Ssid, BoardPins.Password);
            string address = Wifi.Radio.Ipv4Address.ToString();
            var mdns = new Esp32At.CircuitPython.Mdns.Server(Wifi.Radio);
            mdns.Hostname = "esp32at";
            mdns.AdvertiseService("_http", "_tcp", 80);
            log.Line("Open http://" + address + "/ or http://esp32at.local/");
            var listener = new CircuitPythonListener(new SocketPool(Wifi.Radio), 80, 5);
            var app = new DemoApp(new GpioLed(board.LedPin), address);
            new MiniHttpServer(listener, app, new RequestReader(), log).Run(new ManualResetEvent(false));
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
