using System.Net;
using System.Net.Sockets;

namespace Esp32At.Tests.CircuitPython;

/// <summary>A one-client loopback server that sends nothing until the test says so, and holds the connection open.</summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Task<TcpClient> accepted;

    public SilentServer()
    {
        listener.Start();
        accepted = listener.AcceptTcpClientAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Sends <paramref name="data"/> to the client (waits up to 5 s for it to have connected).</summary>
    public void Send(byte[] data)
    {
        Assert.True(accepted.Wait(5000), "the client never connected");
        accepted.Result.GetStream().Write(data);
    }

    public void Dispose()
    {
        listener.Stop();
        if (accepted.IsCompletedSuccessfully) accepted.Result.Dispose();
    }
}
