namespace Esp32At.Demos
{
    /// <summary>
    /// The one place with the wiring of the demos on GHI SITCore boards: the UART the ESP32's AT port is on, the GPIO
    /// wired to its EN pin, the LED the server demo switches, and the Wi-Fi network. Pick the board in <see cref="Current"/>.
    /// Pin numbers are STM32H7 GPIO numbers (port * 16 + pin: PA0 = 0, PB0 = 16, ... PJ0 = 144), as GHI's
    /// <c>SC20100.GpioPin</c>/<c>SC20260.GpioPin</c> constants give them; UART names are the native API names behind
    /// <c>SC20100.UartPort</c>/<c>SC20260.UartPort</c>.
    /// </summary>
    internal sealed class BoardPins
    {
        /// <summary>The board this app is built for: change this line.</summary>
        public static BoardPins Current { get { return SC20260D(); } }

        /// <summary>The Wi-Fi network the demos join.</summary>
        public const string Ssid = "YourNetwork";

        /// <summary>Its password.</summary>
        public const string Password = "your-password";

        /// <summary>The PC running the device tests' peer servers (<c>dotnet run --project Demos/DeviceTests</c> prints them).</summary>
        public const string PeerHost = "192.168.1.10";

        /// <summary>Board name, for the output.</summary>
        public string Name;

        /// <summary>The UART wired to the ESP's AT port (ESP GPIO7 TX to the board's RX, GPIO6 RX to its TX).</summary>
        public string UartName;

        /// <summary>The rate the ESP boots at (ESP-AT default 115200).</summary>
        public int BaudRate = 115200;

        /// <summary>Run at this rate after start-up (0 = stay); needs RTS/CTS wired above 115200.</summary>
        public int FastBaudRate;

        /// <summary>RTS/CTS wired (ESP GPIO5 CTS to the board's RTS, GPIO4 RTS to its CTS).</summary>
        public bool HardwareFlowControl;

        /// <summary>The GPIO wired to the ESP's EN pin, or -1.</summary>
        public int ResetPin = -1;

        /// <summary>The LED the server demo switches.</summary>
        public int LedPin;

        /// <summary>SC20100S dev board: USART2 (PD5 TX, PD6 RX, PD3 CTS, PD4 RTS; GHI: SC20100.UartPort.Usart2), EN on PB1, LED PE11.</summary>
        public static BoardPins SC20100S()
        {
            var p = new BoardPins();
            p.Name = "SC20100S";
            p.UartName = "GHIElectronics.TinyCLR.NativeApis.STM32H7.UartController\\1";
            p.HardwareFlowControl = true;
            p.FastBaudRate = 921600;
            p.ResetPin = 1 * 16 + 1;  // PB1
            p.LedPin = 4 * 16 + 11;   // PE11
            return p;
        }

        /// <summary>SC20260D dev board: UART2 (PD5 TX, PD6 RX, PD3 CTS, PD4 RTS; GHI: SC20260.UartPort.Uart2), EN on PJ8, LED PH6.</summary>
        public static BoardPins SC20260D()
        {
            var p = new BoardPins();
            p.Name = "SC20260D";
            p.UartName = "GHIElectronics.TinyCLR.NativeApis.STM32H7.UartController\\1";
            p.HardwareFlowControl = true;
            p.FastBaudRate = 921600;
            p.ResetPin = 9 * 16 + 8;  // PJ8
            p.LedPin = 7 * 16 + 6;    // PH6
            return p;
        }
    }
}
