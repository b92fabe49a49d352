namespace Esp32At.Engine
{
    /// <summary>Raised on the pump thread.</summary>
    public delegate void AtExecutorEventHandler(AtExecutor sender);

    /// <summary>Receives active-mode <c>+IPD</c> payload pieces on the pump thread. Must not call the executor.</summary>
    public delegate void ActiveDataHandler(int linkId, byte[] buffer, int offset, int count);

    /// <summary>An active-mode <c>+IPD</c> frame begins: its link, payload length and (with CIPDINFO=1) sender.</summary>
    public delegate void ActiveFrameHandler(int linkId, int length, uint remoteAddress, int remotePort);

    /// <summary>A piece of an MQTT message begins: <paramref name="header"/> is <c>+MQTTSUBRECV:0,"topic",len,</c>.</summary>
    public delegate void MqttPieceStartHandler(byte[] header, int headerLength, int length);
}
