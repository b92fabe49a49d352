using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using Esp32At.Device;
using Esp32At.TinyCLR.Provider;
using Esp32At.TinyCLR.Uart;
using GHIElectronics.TinyCLR.Devices.Network;

namespace Esp32At.Demos.TinyClrSample
{
    /// <summary>
    /// The smallest TinyCLR app on the Esp32At.TinyCLR package: the ESP32 becomes the board's NetworkController, and
    /// TinyCLR's own HttpWebRequest fetches a page over it. Wiring and Wi-Fi settings: Demos/Common/Device/BoardPins.cs.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            var board = BoardPins.Current;
            var uart = new UartTransport(board.UartName, board.BaudRate, false, board.ResetPin);
            var options = new Esp32AtOptions();
            options.HardResetOnInit = board.ResetPin >= 0;
            var provider = new Esp32AtNetworkProvider(uart, options);
            var controller = NetworkController.FromProvider(provider);
            var wifi = new WiFiNetworkInterfaceSettings();
            wifi.Ssid = BoardPins.Ssid;
            wifi.Password = BoardPins.Password;
            controller.SetInterfaceSettings(wifi);
            controller.SetAsDefaultController();
            controller.Enable();
            Debug.WriteLine("ESP-AT " + provider.Device.Version + ", address " + controller.GetIPProperties().Address);

            var request = (HttpWebRequest)WebRequest.Create("http://example.com/");
            using (var response = (HttpWebResponse)request.GetResponse())
            {
                var body = new byte[512];
                int n = response.GetResponseStream().Read(body, 0, body.Length);
                Debug.WriteLine("HTTP " + (int)response.StatusCode + ", first " + n + " bytes read");
            }
        }
    }
}
