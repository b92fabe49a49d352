using System;

namespace Esp32At.Engine
{
    // Length-framed payloads: +CIPRECVDATA copied into the caller's buffer, active +IPD frames handed to the links layer.
    public sealed partial class AtExecutor
    {
        private const int MaxActiveFrame = 2920;
        // esp-mqtt's buffer is 1024 bytes by default; a custom build may raise it (Espressif suggests 1460): allow 16 KiB.
        private const int MaxMqttPiece = 16384;

        private byte[] receiveTarget;
        private int receiveOffset;
        private int receiveCapacity;
        private int received;
        private int activeLinkId;
        private readonly byte[] lastRemoteIpv6 = new byte[16];
        private readonly byte[] frameRemoteIpv6 = new byte[16];

        /// <summary>Receives active-mode <c>+IPD</c> data, when the firmware is in active receive mode.</summary>
        public ActiveDataHandler ActiveData { get; set; }

        /// <summary>Told on the pump thread when an active-mode frame begins, before its payload goes to <see cref="ActiveData"/>.</summary>
        public ActiveFrameHandler ActiveFrame { get; set; }

        /// <summary>Told on the pump thread when a <c>+MQTTSUBRECV</c> piece begins, before its payload goes to <see cref="MqttPieceData"/>.</summary>
        public MqttPieceStartHandler MqttPieceStart { get; set; }

        /// <summary>Receives the payload bytes of <c>+MQTTSUBRECV</c> pieces (link id 0) on the pump thread.</summary>
        public ActiveDataHandler MqttPieceData { get; set; }

        /// <summary>Remote IPv4 address of the last <see cref="Receive"/> (first octet in the lowest byte), 0 when unknown.</summary>
        public uint LastRemoteAddress { get; private set; }

        /// <summary>True when the sender of the last <see cref="Receive"/> was an IPv6 address (see <see cref="CopyLastRemoteIpv6"/>).</summary>
        public bool LastRemoteIsIpv6 { get; private set; }

        /// <summary>
        /// True when the active frame being started (inside <see cref="ActiveFrame"/>, on the pump thread) came from an
        /// IPv6 sender; its address is then 0 and <see cref="CopyFrameRemoteIpv6"/> gives the 16 bytes.
        /// </summary>
        public bool FrameRemoteIsIpv6 { get; private set; }

        /// <summary>Copies the 16-byte IPv6 sender of the last <see cref="Receive"/> into <paramref name="destination"/>.</summary>
        public void CopyLastRemoteIpv6(byte[] destination)
        {
            Array.Copy(lastRemoteIpv6, destination, 16);
        }

        /// <summary>Copies the 16-byte IPv6 sender of the active frame being started (call it inside <see cref="ActiveFrame"/>).</summary>
        public void CopyFrameRemoteIpv6(byte[] destination)
        {
            Array.Copy(frameRemoteIpv6, destination, 16);
        }

        /// <summary>Remote port of the last <see cref="Receive"/>, 0 when unknown.</summary>
        public int LastRemotePort { get; private set; }

        /// <summary>
        /// A CIPRECVDATA-style exchange: the payload is copied straight into <paramref name="buffer"/>. Returns the byte
        /// count; <see cref="LastRemoteAddress"/>/<see cref="LastRemotePort"/> tell where it came from (with CIPDINFO=1).
        /// Returns -1 when the ESP answered ERROR: in passive mode that is routine "no data" (a notice that crossed a read,
        /// the SSL length quirk, a close), so it allocates no exception.
        /// </summary>
        public int Receive(AtCommandBuffer command, byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException("count", "offset/count outside the receive buffer");
            lock (commandLock)
            {
                lock (stateLock)
                {
                    receiveTarget = buffer;
                    receiveOffset = offset;
                    receiveCapacity = count;
                    received = 0;
                    receiveHit = false;
                }
                try
                {
                    errorsAsResult = true;
                    var code = Run(command, null, timeoutMs, true);
                    if (ReceiveWasHit()) throw new AtReceiveLostException(Describe(command));
                    return code == AtResultCode.Error ? -1 : received;
                }
                finally
                {
                    errorsAsResult = false;
                    lock (stateLock)
                    {
                        receiveTarget = null;
                        receiveHit = false;
                    }
                }
            }
        }

        private bool ReceiveWasHit()
        {
            lock (stateLock) return receiveHit;
        }

        void IAtStreamSink.OnDataStart(AtDataKind kind, byte[] header, int headerLength, int length)
        {
            if (kind == AtDataKind.MqttMessage)
            {
                var start = MqttPieceStart;
                if (start != null) start(header, headerLength, length);
                return;
            }
            if (kind == AtDataKind.ActiveIpd)
            {
                activeLinkId = ParseIpdLinkId(header, headerLength);
                var frameHandler = ActiveFrame;
                if (frameHandler != null)
                {
                    uint from;
                    int fromPort;
                    bool fromIpv6;
                    ParseRemote(header, headerLength, out from, out fromPort, frameRemoteIpv6, out fromIpv6);
                    FrameRemoteIsIpv6 = fromIpv6;
                    frameHandler(activeLinkId, length, from, fromPort);
                }
                return;
            }
            lock (stateLock) discardAnswer = false; // the header came through: the payload is framed by its length
            uint address;
            int port;
            bool ipv6;
            ParseRemote(header, headerLength, out address, out port, lastRemoteIpv6, out ipv6);
            LastRemoteAddress = address;
            LastRemotePort = port;
            LastRemoteIsIpv6 = ipv6;
        }

        void IAtStreamSink.OnData(AtDataKind kind, byte[] buffer, int offset, int count)
        {
            if (kind == AtDataKind.MqttMessage)
            {
                var data = MqttPieceData;
                if (data != null) data(0, buffer, offset, count);
                else NoiseBytes += count;
                return;
            }
            if (kind == AtDataKind.ActiveIpd)
            {
                var sinkHandler = ActiveData;
                if (sinkHandler != null) sinkHandler(activeLinkId, buffer, offset, count);
                return;
            }
            lock (stateLock)
            {
                if (receiveTarget == null)
                {
                    NoiseBytes += count;
                    return;
                }
                int room = receiveCapacity - received;
                int n = count < room ? count : room;
                Array.Copy(buffer, offset, receiveTarget, receiveOffset + received, n);
                received += n;
                NoiseBytes += count - n;
            }
        }

        int IAtStreamSink.MaxDataLength(AtDataKind kind)
        {
            // +IPD frames carry at most 2920 bytes (spec §3); +CIPRECVDATA at most what the pending read asked for.
            if (kind == AtDataKind.ActiveIpd) return MaxActiveFrame;
            if (kind == AtDataKind.MqttMessage) return MaxMqttPiece;
            lock (stateLock) return receiveTarget != null ? receiveCapacity : -1;
        }

        // "+IPD,<id>,<len>..." has a link id only when a second number follows the first.
        private static int ParseIpdLinkId(byte[] header, int length)
        {
            int i = 5;
            int first = 0;
            while (i < length && header[i] >= '0' && header[i] <= '9') first = first * 10 + (header[i++] - '0');
            if (i + 1 < length && header[i] == ',' && header[i + 1] >= '0' && header[i + 1] <= '9') return first;
            return 0;
        }

        // "...,\"a.b.c.d\",<port>[,:]" of a +CIPRECVDATA or +IPD header -> the sender, without allocating. An IPv6
        // sender ("fe80::1", with AT+CIPV6=1) gives address 0 and its 16 bytes in ipv6 (ipv6IsSet true).
        private static void ParseRemote(byte[] header, int length, out uint address, out int port, byte[] ipv6, out bool ipv6IsSet)
        {
            address = 0;
            port = 0;
            ipv6IsSet = false;
            int quote = -1;
            for (int i = 0; i < length; i++) if (header[i] == '"') { quote = i; break; }
            if (quote >= 0)
            {
                int i = quote + 1;
                int end = i;
                bool colon = false;
                while (end < length && header[end] != '"') { if (header[end] == ':') colon = true; end++; }
                if (colon) ipv6IsSet = Ipv6.Parse(header, i, end, ipv6);
                else
                {
                    int octet = 0;
                    int shift = 0;
                    for (; i < end; i++)
                    {
                        if (header[i] == '.') { address |= (uint)(octet & 0xFF) << shift; shift += 8; octet = 0; }
                        else octet = octet * 10 + (header[i] - '0');
                    }
                    address |= (uint)(octet & 0xFF) << shift;
                }
                for (i = end + 2; i < length && header[i] >= '0' && header[i] <= '9'; i++) port = port * 10 + (header[i] - '0');
            }
        }
    }
}
