namespace Esp32At.Engine
{
    /// <summary>Raised on the pump thread.</summary>
    public delegate void AtExecutorEventHandler(AtExecutor sender);

    /// <summary>Receives active-mode <c>+IPD</c> payload pieces on the pump thread. Must not call the executor.</summary>
    public delegate void ActiveDataHandler(int linkId, byte[] buffer, int offset, int count);

    /// <summary>An active-mode <c>+IPD</c> frame begins: its link, payload length and (with CIPDINFO=1) sender.</summary>
    public delegate void ActiveFrameHandler(int linkId, int length, uint remoteAddress, int remotePort);
}
