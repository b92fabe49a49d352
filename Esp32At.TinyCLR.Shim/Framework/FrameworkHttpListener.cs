using GHIElectronics.TinyCLR.Networking;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace GHIElectronics.TinyCLR.Framework;

/// <summary>
/// TinyCLR 2.2.1.2000's <c>HttpListener</c> as far as it drives the provider: Start's socket set-up, the accept thread,
/// the keep-alive wait, Stop (<c>ghi-electronics/TinyCLR-Libraries@a9c94720:GHIElectronics.TinyCLR.Networking.Http/
/// System.Net.HttpListener.cs</c>, cited as <c>HttpListener.cs#L..</c>). Call structure ported, not the code.
/// </summary>
public sealed class FrameworkHttpListener
{
    /// <summary>HttpListener.cs#L40.</summary>
    public const int MaxCountOfPendingConnections = 10;
    /// <summary>HttpListener.cs#L46: also the keep-alive wait, passed to Poll as 60 000 000 µs.</summary>
    public const int DefaultKeepAliveMilliseconds = 60000;
    private readonly INetworkProvider ni;
    private readonly int port;
    private readonly Queue<(FrameworkSocket Socket, FrameworkNetworkStream Stream)> queue = new();
    private readonly AutoResetEvent arrived = new(false);
    private FrameworkSocket listener;
    private Thread acceptThread;
    private volatile bool running;

    /// <summary>HttpListener.cs#L113-L147: "https" makes the accept loop wrap clients in SslStream.</summary>
    public FrameworkHttpListener(INetworkProvider provider, string prefix, int port)
    {
        ni = provider;
        this.port = port;
        IsHttps = prefix.ToLowerInvariant() == "https";
    }

    public bool IsHttps { get; }
    /// <summary>HttpListener's HttpsCert, passed to AuthenticateAsServer.</summary>
    public X509Certificate HttpsCert { get; set; }
    public bool IsListening => running;
    /// <summary>The accept thread has left its loop (test hook).</summary>
    public bool AcceptLoopEnded => acceptThread == null || !acceptThread.IsAlive;

    /// <summary>
    /// HttpListener.cs#L383-L427: Create; SetOption Tcp NoDelay then Socket ReuseAddress (failures ignored);
    /// Bind(Any:port); Listen(10); the accept thread is started and waited for.
    /// </summary>
    public void Start()
    {
        lock (this)
        {
            if (running) return;
            listener = new FrameworkSocket(ni);
            try { listener.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true); } catch (Exception) { }
            try { listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true); } catch (Exception) { }
            listener.Bind(new IPEndPoint(IPAddress.Any, port));
            listener.Listen(MaxCountOfPendingConnections);
            acceptThread = new Thread(AcceptLoop) { IsBackground = true };
            acceptThread.Start();
            arrived.WaitOne();
        }
    }

    /// <summary>
    /// HttpListener.cs#L273-L381: Accept (Socket.Accept: Poll(-1, SelectRead) then Accept); SetOption Tcp NoDelay on the
    /// client (ignored if it fails); a SocketException is retried up to 6 times, anything else ends the loop. Plain: a
    /// NetworkStream owning the socket; https: SslStream, AuthenticateAsServer(HttpsCert, None), ReadTimeout 10 s (a
    /// SocketException there closes the client and the loop goes on).
    /// </summary>
    private void AcceptLoop()
    {
        running = true;
        int retry = 0;
        arrived.Set();
        while (running)
        {
            FrameworkSocket client;
            FrameworkNetworkStream stream = null;
            try
            {
                client = listener.Accept();
                retry = 0;
                try { client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true); } catch (Exception) { }
            }
            catch (SocketException)
            {
                if (retry > 5)
                {
                    if (running) Stop();
                    arrived.Set();
                    break;
                }
                retry++;
                continue;
            }
            catch (Exception)
            {
                if (running) Stop();
                arrived.Set();
                break;
            }
            try
            {
                if (!IsHttps) stream = new FrameworkNetworkStream(client, true);
                else
                {
                    var ssl = new FrameworkSslStream(client);
                    stream = ssl;
                    ssl.AuthenticateAsServer(HttpsCert, SslProtocols.None);
                    ssl.ReadTimeout = 10000;
                }
            }
            catch (SocketException)
            {
                if (stream != null) stream.Dispose();
                else client.Close();
                arrived.Set();
                continue;
            }
            lock (queue) queue.Enqueue((client, stream));
            arrived.Set();
        }
    }

    /// <summary>HttpListener.cs#L500-L530: the next queued connection (new, or kept alive with data waiting).</summary>
    public FrameworkHttpListenerContext GetContext()
    {
        if (!running) throw new InvalidOperationException();
        var deadline = DateTime.UtcNow + FrameworkSocket.HangGuard;
        while (running && DateTime.UtcNow < deadline)
        {
            lock (queue)
            {
                if (queue.Count > 0)
                {
                    var (socket, stream) = queue.Dequeue();
                    return new FrameworkHttpListenerContext(this, socket, stream);
                }
            }
            arrived.WaitOne(100);
        }
        return null;
    }

    /// <summary>
    /// HttpListener.cs#L198-L232: a kept-alive connection, on its own thread: Poll(60 s, SelectRead); Available &gt; 0
    /// queues it for GetContext, else it is disposed (closed).
    /// </summary>
    internal void AddToWaitingConnections(FrameworkSocket socket, FrameworkNetworkStream stream)
    {
        new Thread(() =>
        {
            try
            {
                socket.Poll(DefaultKeepAliveMilliseconds * 1000, SelectMode.SelectRead);
                if (socket.Available > 0)
                {
                    lock (queue) queue.Enqueue((socket, stream));
                    arrived.Set();
                }
                else stream.Close();
            }
            catch (Exception)
            {
                // GHI ignores it (HttpListener.cs#L229-L231)
            }
        }) { IsBackground = true }.Start();
    }

    /// <summary>HttpListener.cs#L453-L498: the listening socket is closed (the accept thread's next provider call fails and it ends).</summary>
    public void Stop()
    {
        lock (this)
        {
            running = false;
            if (listener != null)
            {
                listener.Close();
                listener = null;
                arrived.Set();
            }
        }
    }

    /// <summary>HttpListener.cs#L429-L451 (Close = Stop); then waits for the accept thread (test hook).</summary>
    public void Close()
    {
        Stop();
        acceptThread?.Join(FrameworkSocket.HangGuard);
    }
}
