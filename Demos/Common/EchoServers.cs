using System.Net;
using System.Net.Sockets;

namespace Esp32At.Demos.Common;

/// <summary>A TCP echo server (every byte sent back) on this machine, for the device tests.</summary>
public sealed class TcpEchoServer : IDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> (0 = any free port).</summary>
    public TcpEchoServer(IPAddress address, int port = 0)
    {
        listener = new TcpListener(address, port);
        listener.Start(8);
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    private async Task AcceptLoop()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                _ = Echo(client);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
            }
        }
    }

    private async Task Echo(TcpClient client)
    {
        using (client)
        {
            try
            {
                await client.GetStream().CopyToAsync(client.GetStream(), stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
    }
}

/// <summary>A UDP echo server (every datagram sent back to its sender) on this machine.</summary>
public sealed class UdpEchoServer : IDisposable
{
    private readonly UdpClient socket;
    private readonly CancellationTokenSource stop = new();

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> (0 = any free port).</summary>
    public UdpEchoServer(IPAddress address, int port = 0)
    {
        socket = new UdpClient(new IPEndPoint(address, port));
        _ = Loop();
    }

    public int Port => ((IPEndPoint)socket.Client.LocalEndPoint!).Port;

    private async Task Loop()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var datagram = await socket.ReceiveAsync(stop.Token);
                await socket.SendAsync(datagram.Buffer, datagram.RemoteEndPoint, stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        socket.Dispose();
    }
}
