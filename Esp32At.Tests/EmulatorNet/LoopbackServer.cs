using System.Net;
using System.Net.Sockets;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>A one-client TCP server on 127.0.0.1 whose behaviour the test scripts.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener listener;
    private readonly Thread thread;

    /// <param name="address">Where it listens: 127.0.0.1 unless given (<see cref="IPAddress.IPv6Loopback"/> for the IPv6 tests).</param>
    public LoopbackServer(Action<NetworkStream> serve, IPAddress? address = null)
    {
        listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        thread = new Thread(() =>
        {
            try
            {
                using var client = listener.AcceptTcpClient();
                serve(client.GetStream());
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException) { }
        }) { IsBackground = true };
        thread.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Echoes everything until the client closes.</summary>
    public static void Echo(NetworkStream s)
    {
        var b = new byte[4096];
        int n;
        while ((n = s.Read(b, 0, b.Length)) > 0) s.Write(b, 0, n);
    }

    public void Dispose()
    {
        listener.Stop();
        thread.Join(2000);
    }
}
