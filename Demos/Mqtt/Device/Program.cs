using System.Diagnostics;
using Esp32At.Mqtt;
using Esp32At.TinyCLR.Uart;
using GHIElectronics.TinyCLR.Devices.Gpio;

namespace Esp32At.Demos.Mqtt
{
    /// <summary>
    /// The MQTT demo on a SITCore board: the ESP32 comes up as TinyCLR's network controller, its own MQTT client
    /// (AT+MQTT*) connects to the broker on the PC, and the shared <see cref="TelemetryDemo"/> runs: a reading every
    /// second, "interval &lt;ms&gt;" and "led on/off" from the cmd topic (the LED is the board's), round trips on the
    /// debug output. Any broker works (e.g. <c>mosquitto -p 1883</c> on the PC); wiring and Wi-Fi in BoardPins.cs.
    /// </summary>
    public static class Program
    {
        // The broker: the PC in BoardPins.PeerHost on the standard port; for TLS set UseTls and paste the broker's CA.
        private const string BrokerHost = BoardPins.PeerHost;
        private const int BrokerPort = 1883;
        private static readonly bool UseTls = false;
        private const int TlsPort = 8883;
        private const string CaPem = "-----BEGIN CERTIFICATE-----\n(paste the CA that signed the broker's certificate)\n-----END CERTIFICATE-----\n";
        private const string DeviceName = "sitcore-1";

        public static void Main()
        {
            var board = BoardPins.Current;
            var log = new DebugLog();
            log.Line("Esp32At Mqtt demo on " + board.Name);
            var transport = new UartTransport(board.UartName, board.BaudRate, false, board.ResetPin);
            var provider = ProviderStartup.Start(board, transport, true);
            log.Line("joined " + BoardPins.Ssid);

            var client = new MqttClient(provider.Device);
            var topics = new Topics(DeviceName);
            var options = new MqttConnectOptions();
            options.Host = BrokerHost;
            options.Port = UseTls ? TlsPort : BrokerPort;
            options.ClientId = DeviceName;
            options.KeepAliveSeconds = 30;
            options.WillTopic = topics.Status;
            options.WillMessage = "offline";
            options.WillQos = 1;
            options.WillRetain = true;
            if (UseTls)
            {
                client.Certificates.LoadMqttCa(System.Text.Encoding.UTF8.GetBytes(CaPem));
                options.Scheme = MqttScheme.TlsVerifyServer;
            }
            client.Connect(options);
            log.Line("MQTT connected to " + BrokerHost + ":" + options.Port);

            var demo = new TelemetryDemo(client, topics, 1, log, new GpioLed(board.LedPin));
            demo.Start();
            demo.Run(0, null);
        }

        private sealed class DebugLog : IDemoLog
        {
            public void Line(string text) { Debug.WriteLine(text); }
            public void Progress(string text) { Debug.WriteLine(text); }
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
                set
                {
                    on = value;
                    pin.Write(value ? GpioPinValue.High : GpioPinValue.Low);
                }
            }
        }
    }
}
