namespace Esp32At.Engine
{
    /// <summary>What the byte-level parser reports; implemented by the executor.</summary>
    internal interface IAtStreamSink
    {
        /// <summary>True while a command waits for the <c>&gt;</c> data prompt (it has no line end).</summary>
        bool ExpectsPrompt { get; }

        /// <summary>True once the passthrough prompt was seen: the bytes after it are raw payload, not AT output.</summary>
        bool InPassthrough { get; }

        /// <summary>True when <c>+CIPRECVDATA</c> carries the remote address (<c>AT+CIPDINFO=1</c>).</summary>
        bool RemoteInfoInReceive { get; }

        /// <summary>A complete, non-empty line without its CR LF.</summary>
        void OnLine(byte[] line, int length);

        /// <summary>The <c>&gt;</c> prompt.</summary>
        void OnPrompt();

        /// <summary>A binary payload of <paramref name="length"/> bytes starts; <paramref name="header"/> is its header line.</summary>
        void OnDataStart(AtDataKind kind, byte[] header, int headerLength, int length);

        /// <summary>A piece of the payload (may be called several times per payload).</summary>
        void OnData(AtDataKind kind, byte[] buffer, int offset, int count);

        /// <summary>The longest payload of <paramref name="kind"/> that can be genuine now; a longer header is garbage.</summary>
        int MaxDataLength(AtDataKind kind);
        /// <summary>Garbage or an over-long line was skipped.</summary>
        void OnNoise(int bytes);
    }

    /// <summary>The length-framed payloads of ESP-AT.</summary>
    internal enum AtDataKind
    {
        /// <summary>Active-mode <c>+IPD,...:&lt;data&gt;</c>.</summary>
        ActiveIpd,
        /// <summary><c>+CIPRECVDATA:&lt;len&gt;,...,&lt;data&gt;</c>.</summary>
        ReceiveData,
        /// <summary><c>+MQTTSUBRECV:&lt;id&gt;,"topic",&lt;len&gt;,&lt;data&gt;</c> (one piece of an MQTT message).</summary>
        MqttMessage,
    }
}
