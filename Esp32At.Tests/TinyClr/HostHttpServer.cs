using System.Text;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// A plain HTTP/1.1 server on 127.0.0.1 for the end-to-end tests: per connection, reads request heads and answers each
/// with what <c>respond(connection, requestNumber)</c> gives; closes after an answer when told to. Records every head.
/// </summary>
public sealed class HostHttpServer : IDisposable
{
    private readonly System.Net.Sockets.TcpListener listener = new(System.Net.IPAddress.Loopback, 0);
    private readonly Thread thread;
    private readonly List<string> heads = new();

    public HostHttpServer(Func<int, int, (string Response, bool Close)> respond)
    {
        listener.Start();
        thread = new Thread(() =>
        {
            int connection = 0;
            try
            {
                while (true)
                {
                    var client = listener.AcceptTcpClient();
                    int c = connection++;
                    new Thread(() => Serve(client, c, respond)) { IsBackground = true }.Start();
                }
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException) { }
        }) { IsBackground = true };
        thread.Start();
    }

    public int Port => ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    public int Connections { get; private set; }

    /// <summary>"connection:head" for every request, in arrival order.</summary>
    public string[] Heads
    {
        get { lock (heads) return heads.ToArray(); }
    }

    private void Serve(System.Net.Sockets.TcpClient client, int c, Func<int, int, (string, bool)> respond)
    {
        lock (heads) Connections++;
        using (client)
        {
            try
            {
                var s = client.GetStream();
                for (int request = 0; ; request++)
                {
                    var head = new StringBuilder();
                    int b;
                    while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && (b = s.ReadByte()) >= 0) head.Append((char)b);
                    if (head.Length == 0) return;
                    lock (heads) heads.Add(c + ":" + head);
                    var (response, close) = respond(c, request);
                    var bytes = Encoding.ASCII.GetBytes(response);
                    s.Write(bytes, 0, bytes.Length);
                    if (close) return;
                }
            }
            catch (IOException) { }
        }
    }

    public void Dispose()
    {
        listener.Stop();
        thread.Join(2000);
    }
}
