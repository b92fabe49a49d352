using Esp32At.TinyCLR.Provider;
using Esp32At.TinyCLR.Uart;
using GHIElectronics.TinyCLR.Devices.Network;
using GHIElectronics.TinyCLR.Devices.Uart;

namespace Esp32At.Demos
{
    /// <summary>
    /// Brings the ESP32 up as TinyCLR's default network controller, so the stock <c>Socket</c>, <c>Dns</c>,
    /// <c>HttpWebRequest</c> and <c>HttpListener</c> run over it: the provider on the board's UART, the fast baud rate
    /// and RTS/CTS from <see cref="BoardPins"/>, the Wi-Fi network, then <c>Enable</c> (reset, set-up, join).
    /// </summary>
    internal static class ProviderStartup
    {
        /// <summary>Starts the provider on <paramref name="transport"/>; joins <see cref="BoardPins.Ssid"/> when <paramref name="join"/>.</summary>
        public static Esp32AtNetworkProvider Start(BoardPins board, UartTransport transport, bool join)
        {
            var provider = new Esp32AtNetworkProvider(transport);
            var controller = NetworkController.FromProvider(provider);
            if (board.FastBaudRate > 0)
            {
                var uart = new UartNetworkCommunicationInterfaceSettings();
                uart.BaudRate = board.FastBaudRate;
                uart.Handshaking = board.HardwareFlowControl ? UartHandshake.RequestToSend : UartHandshake.None;
                controller.SetCommunicationInterfaceSettings(uart);
            }
            if (join)
            {
                var wifi = new WiFiNetworkInterfaceSettings();
                wifi.Ssid = BoardPins.Ssid;
                wifi.Password = BoardPins.Password;
                controller.SetInterfaceSettings(wifi);
            }
            controller.SetAsDefaultController();
            controller.Enable();
            return provider;
        }
    }
}
