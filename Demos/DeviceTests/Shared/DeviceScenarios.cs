using System;
using System.Text;
using System.Threading;
using Esp32At.Device;
using Esp32At.Links;
using Esp32At.Transport;
using Esp32At.Wifi;

namespace Esp32At.Demos.DeviceTests
{
    /// <summary>
    /// The library's hardware scenarios against a real ESP32 (or the emulator): initialisation and version, scan, join,
    /// DNS, TCP echo, UDP echo, HTTPS with the server verified, the ESP's server accepting a client, throughput at the
    /// configured baud, and recovery after a hard reset (when a reset line is wired). They build on each other in order.
    /// </summary>
    public sealed class DeviceScenarios : IDisposable
    {
        /// <summary>A scenario's detail starting with this means it was skipped.</summary>
        public const string SkipMark = "skip:";

        private const int IoTimeoutMs = 10000;
        private readonly IAtTransport transport;
        private readonly DeviceTestConfig config;
        private readonly IPeer peer;
        private Esp32AtDevice device;
        private WifiService wifi;
        private ConnectionTable table;
        private HostResolver resolver;
        private LinkServer server;
        private int bootBaud;

        /// <summary>Scenarios over <paramref name="transport"/>, with <paramref name="peer"/> on the other side of the network.</summary>
        public DeviceScenarios(IAtTransport transport, DeviceTestConfig config, IPeer peer)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            if (config == null) throw new ArgumentNullException("config");
            this.transport = transport;
            this.config = config;
            this.peer = peer;
        }

        /// <summary>The scenario names, in the order they run.</summary>
        public string[] Names
        {
            get
            {
                return new string[] { "init+version", "scan", "join", "dns", "tcp-echo", "udp-echo", "https-verified", "server-accept", "throughput", "reboot-recovery" };
            }
        }

        /// <summary>Runs scenario <paramref name="index"/>; returns its detail line (or <see cref="SkipMark"/> + why).</summary>
        public string Run(int index)
        {
            switch (index)
            {
                case 0: return InitAndVersion();
                case 1: return Scan();
                case 2: return Join();
                case 3: return Dns();
                case 4: return TcpEcho();
                case 5: return UdpEcho();
                case 6: return HttpsVerified();
                case 7: return ServerAccept();
                case 8: return Throughput();
                case 9: return RebootRecovery();
                default: throw new ArgumentOutOfRangeException("index");
            }
        }

        private string InitAndVersion()
        {
            var options = new Esp32AtOptions();
            options.HardResetOnInit = transport.HasResetLine;
            options.BaudRate = config.BaudRate;
            options.HardwareFlowControl = config.HardwareFlowControl;
            device = new Esp32AtDevice(transport, options);
            bootBaud = transport.BaudRate;
            device.Initialize();
            wifi = new WifiService(device);
            table = new ConnectionTable(device);
            resolver = new HostResolver(device);
            return "AT " + device.Version.Text + ", UART " + transport.BaudRate + " baud" + (transport.HasResetLine ? ", hard reset" : "");
        }

        private string Scan()
        {
            Require();
            var networks = wifi.Scan();
            for (int i = 0; i < networks.Length; i++)
                if (networks[i].Ssid == config.Ssid)
                    return networks.Length + " networks; \"" + config.Ssid + "\" at " + networks[i].Rssi + " dBm, channel " + networks[i].Channel;
            throw new Exception(networks.Length + " networks, \"" + config.Ssid + "\" not among them");
        }

        private string Join()
        {
            Require();
            wifi.Join(config.Ssid, config.Password, null, 20);
            if (!wifi.IsConnected) throw new Exception("joined but the ESP does not report a connection");
            return "\"" + config.Ssid + "\" as " + Dotted(wifi.QueryStationIpv4().Address);
        }

        private string Dns()
        {
            Require();
            return config.ResolveName + " = " + Dotted(resolver.Resolve(config.ResolveName));
        }

        private string TcpEcho()
        {
            Require();
            var payload = Pattern(1460, 7);
            int id = table.OpenTcp(config.PeerHost, config.TcpEchoPort);
            try
            {
                table.Send(id, payload, 0, payload.Length);
                var echo = ReadExactly(id, payload.Length);
                Same(payload, echo, "echo");
                return payload.Length + " bytes echoed on link " + id;
            }
            finally
            {
                table.Close(id);
            }
        }

        private string UdpEcho()
        {
            Require();
            var payload = Pattern(200, 3);
            int id = table.OpenUdp(config.PeerHost, config.UdpEchoPort);
            try
            {
                table.Send(id, payload, 0, payload.Length);
                var buffer = new byte[1024];
                int n = table.Receive(id, buffer, 0, buffer.Length, IoTimeoutMs);
                var echo = new byte[n];
                Array.Copy(buffer, echo, n);
                Same(payload, echo, "datagram");
                return "a " + n + "-byte datagram echoed";
            }
            finally
            {
                table.Close(id);
            }
        }

        private string HttpsVerified()
        {
            Require();
            table.Certificates.LoadCa(config.CaPem, 0);
            var tls = new TlsSettings();
            tls.ServerName = config.TlsServerName;
            int id = table.OpenSsl(config.PeerHost, config.HttpsPort, tls);
            try
            {
                var request = Encoding.UTF8.GetBytes("GET /hello HTTP/1.1\r\nHost: " + config.TlsServerName + "\r\nConnection: close\r\n\r\n");
                table.Send(id, request, 0, request.Length);
                var answer = ReadToEnd(id, 16384);
                var text = Encoding.UTF8.GetString(answer, 0, answer.Length);
                if (text.IndexOf("HTTP/1.1 200") != 0) throw new Exception("unexpected answer: " + FirstLine(text));
                return "200 from " + config.TlsServerName + " (certificate verified), " + answer.Length + " bytes";
            }
            finally
            {
                table.Close(id);
            }
        }

        private string ServerAccept()
        {
            Require();
            if (peer == null) return SkipMark + "no peer to call the ESP's server";
            if (server == null) server = new LinkServer(table);
            server.Start(config.ServerPort, 1);
            try
            {
                var caller = new Caller(peer, Dotted(wifi.QueryStationIpv4().Address), config.ServerPort);
                var thread = new Thread(caller.Call);
                thread.Start();
                int id = table.Accept(IoTimeoutMs);
                if (id < 0) throw new Exception("no client accepted within " + IoTimeoutMs + " ms");
                try
                {
                    var hello = ReadExactly(id, Caller.Greeting.Length);
                    if (Encoding.UTF8.GetString(hello, 0, hello.Length) != Caller.Greeting) throw new Exception("the client's greeting was garbled");
                    var reply = Encoding.UTF8.GetBytes(Caller.Reply);
                    table.Send(id, reply, 0, reply.Length);
                    if (!thread.Join(IoTimeoutMs)) throw new Exception("the peer did not finish");
                    if (caller.Answer != Caller.Reply) throw new Exception("the peer heard \"" + caller.Answer + "\"");
                }
                finally
                {
                    table.Close(id);
                }
                return "accepted on ESP port " + config.ServerPort + " (link " + id + "), greeting and reply exchanged";
            }
            finally
            {
                server.Stop();
            }
        }

        private string Throughput()
        {
            Require();
            int id = table.OpenTcp(config.PeerHost, config.HttpPort);
            try
            {
                var request = Encoding.UTF8.GetBytes("GET /bytes/" + config.ThroughputBytes + " HTTP/1.1\r\nHost: peer\r\nConnection: close\r\n\r\n");
                table.Send(id, request, 0, request.Length);
                var buffer = new byte[2048];
                long total = 0;
                long first = 0;
                while (true)
                {
                    int n = table.Receive(id, buffer, 0, buffer.Length, IoTimeoutMs);
                    if (n == 0) break;
                    if (first == 0) first = DateTime.UtcNow.Ticks;
                    total += n;
                }
                if (total < config.ThroughputBytes) throw new Exception("only " + total + " bytes arrived");
                long ms = (DateTime.UtcNow.Ticks - first) / TimeSpan.TicksPerMillisecond;
                if (ms < 1) ms = 1;
                long perSecond = total * 1000 / ms;
                long lineRate = transport.BaudRate / 10; // 8N1: ten bits a byte
                return total + " bytes in " + ms + " ms = " + perSecond / 1024 + " KiB/s at " + transport.BaudRate + " baud (" +
                    (perSecond * 100 / lineRate) + " % of the line rate)";
            }
            finally
            {
                table.Close(id);
            }
        }

        private string RebootRecovery()
        {
            Require();
            if (!transport.HasResetLine) return SkipMark + "no reset line wired to EN";
            var watch = new RecoveryWatch(device);
            // AT+UART_CUR does not survive a reset: the ESP boots at its stored rate. The app knows it is about to reset
            // the ESP, so it listens at that rate first (the library would not hear a garbled "ready"; see the known gap
            // in architecture.md). The line is idle meanwhile.
            if (transport.BaudRate != bootBaud) transport.SetLineSettings(bootBaud, false);
            transport.PulseReset(50);
            if (!watch.Wait(30000)) throw new Exception("the library did not recover within 30 s");
            if (!watch.Success) throw new Exception("recovery ran but restoring the settings failed");
            if (!wifi.IsConnected) throw new Exception("recovered, but the station is not connected again");
            TcpEcho();
            return "reset, recovered (set-up and Wi-Fi restored), TCP echo works again";
        }

        private void Require()
        {
            if (device == null || table == null) throw new InvalidOperationException("the ESP was not initialised");
        }

        private byte[] ReadExactly(int id, int count)
        {
            var result = new byte[count];
            int got = 0;
            while (got < count)
            {
                int n = table.Receive(id, result, got, count - got, IoTimeoutMs);
                if (n == 0) throw new Exception("the peer closed after " + got + " of " + count + " bytes");
                got += n;
            }
            return result;
        }

        private byte[] ReadToEnd(int id, int max)
        {
            var buffer = new byte[max];
            int got = 0;
            while (got < max)
            {
                int n = table.Receive(id, buffer, got, max - got, IoTimeoutMs);
                if (n == 0) break;
                got += n;
            }
            var result = new byte[got];
            Array.Copy(buffer, result, got);
            return result;
        }

        private static byte[] Pattern(int length, int seed)
        {
            var b = new byte[length];
            for (int i = 0; i < length; i++) b[i] = (byte)((i * seed + 11) & 0xff);
            return b;
        }

        private static void Same(byte[] expected, byte[] actual, string what)
        {
            if (expected.Length != actual.Length) throw new Exception(what + ": " + actual.Length + " bytes instead of " + expected.Length);
            for (int i = 0; i < expected.Length; i++)
                if (expected[i] != actual[i]) throw new Exception(what + ": byte " + i + " differs");
        }

        private static string FirstLine(string text)
        {
            int end = text.IndexOf('\r');
            return end < 0 ? text : text.Substring(0, end);
        }

        private static string Dotted(byte[] ip)
        {
            return ip[0] + "." + ip[1] + "." + ip[2] + "." + ip[3];
        }

        /// <summary>Stops the ESP's server and the device (its pump thread).</summary>
        public void Dispose()
        {
            if (device != null) device.Dispose();
        }

        /// <summary>Has the peer call the ESP's server on its own thread (the test accepts meanwhile).</summary>
        private sealed class Caller
        {
            public const string Greeting = "hello esp\n";
            public const string Reply = "hello peer\n";
            private readonly IPeer peer;
            private readonly string address;
            private readonly int port;

            public Caller(IPeer peer, string address, int port)
            {
                this.peer = peer;
                this.address = address;
                this.port = port;
            }

            public string Answer;

            public void Call()
            {
                try
                {
                    Answer = peer.CallEspServer(address, port, Greeting);
                }
                catch (Exception e)
                {
                    Answer = "error: " + e.Message;
                }
            }
        }

        /// <summary>Waits for the device's <c>Recovered</c> event.</summary>
        private sealed class RecoveryWatch
        {
            private readonly ManualResetEvent done = new ManualResetEvent(false);

            public RecoveryWatch(Esp32AtDevice device)
            {
                device.Recovered += OnRecovered;
            }

            public bool Success;

            public bool Wait(int timeoutMs)
            {
                return done.WaitOne(timeoutMs, false);
            }

            private void OnRecovered(Esp32AtDevice sender, bool success)
            {
                sender.Recovered -= OnRecovered;
                Success = success;
                done.Set();
            }
        }
    }
}
