using System.Diagnostics;
using System.Text;
using Esp32At.TinyCLR.Uart;

namespace Esp32At.Demos.DeviceTests
{
    /// <summary>
    /// The device test runner on a SITCore board: the scenarios against the ESP32 wired as in BoardPins.cs, with the
    /// peer servers on the PC at BoardPins.PeerHost. Prints one line per test and "N passed, N failed".
    /// </summary>
    public static class Program
    {
        // The peer's ports and CA (fixed when the host runner runs with a serial port; it prints the CA).
        private const string CaPem = "-----BEGIN CERTIFICATE-----\n(paste the peer CA)\n-----END CERTIFICATE-----\n";

        public static void Main()
        {
            var board = BoardPins.Current;
            var config = new DeviceTestConfig();
            config.Ssid = BoardPins.Ssid;
            config.Password = BoardPins.Password;
            config.ResolveName = "espressif.com";
            config.PeerHost = BoardPins.PeerHost;
            config.TcpEchoPort = 7007;
            config.UdpEchoPort = 7007;
            config.HttpPort = 8080;
            config.HttpsPort = 8443;
            config.TlsServerName = "peer.test";
            config.CaPem = Encoding.UTF8.GetBytes(CaPem);
            config.BaudRate = board.FastBaudRate;
            config.HardwareFlowControl = board.HardwareFlowControl;
            var transport = new UartTransport(board.UartName, board.BaudRate, false, board.ResetPin);
            new DeviceTestRunner(new DebugOutput()).RunAll(new DeviceScenarios(transport, config, null));
        }

        private sealed class DebugOutput : ITestOutput
        {
            public void Line(string text) { Debug.WriteLine(text); }
        }
    }
}
