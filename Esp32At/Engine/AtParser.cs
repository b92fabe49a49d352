namespace Esp32At.Engine
{
    /// <summary>
    /// Byte-level parser of the ESP-AT output stream. Lines go to the sink as they complete; binary payloads
    /// (<c>+IPD,...:</c>, <c>+CIPRECVDATA:...,</c>) are consumed by their length, never as lines, so payload bytes that
    /// look like <c>OK</c> cannot desynchronise it; the <c>&gt;</c> prompt is recognised without a line end.
    /// Over-long lines are dropped up to their line end. Delivers the same events however the bytes are split.
    /// After bytes were lost (<see cref="Resync"/>) it drops what it cannot trust up to the next line start.
    /// </summary>
    internal sealed class AtParser
    {
        private static readonly byte[] IpdPrefix = { (byte)'+', (byte)'I', (byte)'P', (byte)'D', (byte)',' };
        private static readonly byte[] RecvDataPrefix = System.Text.Encoding.UTF8.GetBytes("+CIPRECVDATA:");
        private static readonly byte[] MqttRecvPrefix = System.Text.Encoding.UTF8.GetBytes("+MQTTSUBRECV:");

        private readonly IAtStreamSink sink;
        private readonly byte[] line;
        private int lineLength;
        private bool overflow;
        private int dataRemaining;
        private AtDataKind dataKind;
        private int commas;
        private bool quoted; // inside a quoted topic (its commas do not count) or +IPD sender (its colons do not count)
        private bool resyncing; // bytes were lost: the line being gathered may have begun anywhere, so it is dropped

        public AtParser(IAtStreamSink sink, int maxLineLength)
        {
            this.sink = sink;
            line = new byte[maxLineLength];
        }

        /// <summary>Consumes every unread byte of <paramref name="ring"/>.</summary>
        public void Process(RingBuffer ring)
        {
            while (ring.Count > 0 && !sink.InPassthrough)
            {
                int offset;
                int n = ring.GetReadSegment(out offset);
                int used = Process(ring.Storage, offset, n);
                ring.Skip(used);
                if (used < n) return; // passthrough began: the rest is raw payload, left in the ring for its reader
            }
        }

        /// <summary>Whether a <c>+CIPRECVDATA</c> payload is being consumed by its length.</summary>
        public bool InReceiveData
        {
            get { return dataRemaining > 0 && dataKind == AtDataKind.ReceiveData; }
        }

        /// <summary>Forgets a partial line (after passthrough, whose bytes were never parsed).</summary>
        public void Reset()
        {
            lineLength = 0;
            overflow = false;
            dataRemaining = 0;
            commas = 0;
            quoted = false;
            resyncing = false;
        }

        /// <summary>
        /// Bytes were lost before the next ones (a UART overrun or line error): the partial line is dropped (its end is
        /// gone), and so is the line the next bytes complete, since it may have begun anywhere; the next line start is
        /// the byte after its line end. A frame header that completes first (<c>+IPD,...:</c>, <c>+CIPRECVDATA:...,</c>
        /// at the very start of the bytes) still opens its payload, so payload is not taken for lines. A payload in
        /// progress keeps its length: its bytes are never parsed as lines, and the count may take as many bytes after it
        /// as were lost.
        /// </summary>
        public void Resync()
        {
            if (lineLength > 0 && !overflow) sink.OnNoise(lineLength);
            lineLength = 0;
            overflow = false;
            commas = 0;
            quoted = false;
            resyncing = true;
        }

        /// <summary>
        /// Consumes up to <paramref name="count"/> bytes; returns how many. It stops right after a <c>&gt;</c> prompt
        /// that switched the sink to passthrough: the bytes after it are raw payload, never parsed.
        /// </summary>
        public int Process(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                if (dataRemaining > 0)
                {
                    int n = end - i < dataRemaining ? end - i : dataRemaining;
                    sink.OnData(dataKind, buffer, i, n);
                    dataRemaining -= n;
                    i += n;
                    continue;
                }
                if (Accept(buffer[i++])) return i - offset;
            }
            return count;
        }

        /// <summary>One byte outside a payload; true when it was the prompt that began passthrough.</summary>
        private bool Accept(byte b)
        {
            if (b == (byte)'\n')
            {
                int n = lineLength;
                if (n > 0 && line[n - 1] == (byte)'\r') n--;
                bool dropped = overflow;
                if (resyncing && !dropped) sink.OnNoise(lineLength + 1);
                dropped |= resyncing;
                lineLength = 0;
                overflow = false;
                commas = 0;
                quoted = false;
                resyncing = false;
                if (dropped) return false;
                if (n > 0) sink.OnLine(line, n);
                return false;
            }
            if (overflow) { sink.OnNoise(1); return false; }
            if (b == (byte)'>' && lineLength == 0 && sink.ExpectsPrompt)
            {
                sink.OnPrompt();
                return sink.InPassthrough;
            }
            if (lineLength == line.Length)
            {
                overflow = true;
                sink.OnNoise(lineLength + 1);
                return false;
            }
            line[lineLength++] = b;
            // An IPv6 sender ("+IPD,0,5,\"fe80::1\",80:") has colons inside its quotes: only the one after them starts the data.
            if (b == (byte)':' && !quoted && StartsWith(IpdPrefix)) StartIpd();
            else if (b == (byte)',' && StartsWith(RecvDataPrefix) && ++commas == (sink.RemoteInfoInReceive ? 3 : 1)) StartReceiveData();
            else if (b == (byte)'"' && (StartsWith(MqttRecvPrefix) || StartsWith(IpdPrefix))) quoted = !quoted;
            else if (b == (byte)',' && !quoted && StartsWith(MqttRecvPrefix) && ++commas == 3) StartMqttMessage();
            return false;
        }

        private bool StartsWith(byte[] prefix)
        {
            if (lineLength < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++) if (line[i] != prefix[i]) return false;
            return true;
        }

        // +IPD,<len>:  +IPD,<id>,<len>:  +IPD,<len>,"ip",port:  +IPD,<id>,<len>,"ip",port:
        private void StartIpd()
        {
            int first = ParseInt(IpdPrefix.Length);
            int afterFirst = SkipDigits(IpdPrefix.Length);
            int length = first;
            if (afterFirst < lineLength - 1 && line[afterFirst] == (byte)',' && line[afterFirst + 1] != (byte)'"')
                length = ParseInt(afterFirst + 1);
            BeginData(AtDataKind.ActiveIpd, length);
        }

        private void StartReceiveData()
        {
            BeginData(AtDataKind.ReceiveData, ParseInt(RecvDataPrefix.Length));
        }

        // +MQTTSUBRECV:<id>,"<topic>",<len>,  the length is the number after the last comma before this one.
        private void StartMqttMessage()
        {
            int at = lineLength - 2;
            while (at >= 0 && line[at] >= (byte)'0' && line[at] <= (byte)'9') at--;
            BeginData(AtDataKind.MqttMessage, line[at] == (byte)',' ? ParseInt(at + 1) : -1);
        }

        private void BeginData(AtDataKind kind, int length)
        {
            // A garbled length would swallow every answer after it: only lengths the ESP can send now are frames.
            if (length < 0 || length > sink.MaxDataLength(kind))
            {
                sink.OnNoise(lineLength);
                lineLength = 0;
                commas = 0;
                quoted = false;
                return;
            }
            sink.OnDataStart(kind, line, lineLength, length);
            resyncing = false; // a frame header at the start of the bytes after a hole: the stream is in step again
            lineLength = 0;
            commas = 0;
            quoted = false;
            dataKind = kind;
            dataRemaining = length;
        }

        private int SkipDigits(int at)
        {
            while (at < lineLength && line[at] >= (byte)'0' && line[at] <= (byte)'9') at++;
            return at;
        }

        /// <summary>The decimal number at <paramref name="at"/>, or -1 when there is none.</summary>
        private int ParseInt(int at)
        {
            int end = SkipDigits(at);
            if (end == at || end - at > 9) return -1;
            int v = 0;
            for (int i = at; i < end; i++) v = v * 10 + (line[i] - '0');
            return v;
        }
    }
}
