using GHIElectronics.TinyCLR.Networking;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace GHIElectronics.TinyCLR.Framework;

/// <summary>
/// TinyCLR 2.2.1.2000's <c>HttpWebRequest</c> as far as it drives the provider: the connection pool, DNS, socket options,
/// Connect, the TLS upgrade, one Write of the request head, and the response parse (<c>ghi-electronics/TinyCLR-Libraries@a9c94720:
/// GHIElectronics.TinyCLR.Networking.Http/System.Net.HttpWebRequest.cs</c>, cited as <c>HttpWebRequest.cs#L..</c>).
/// No proxy, no request body stream, no 100-continue. Call structure ported, not the code.
/// </summary>
public sealed class FrameworkHttpWebRequest
{
    /// <summary>HttpWebRequest.cs#L47: the process-wide pool of connected streams.</summary>
    private static readonly List<FrameworkHttpStream> Pool = new();
    private readonly INetworkProvider ni;
    private FrameworkHttpStream stream;

    public FrameworkHttpWebRequest(INetworkProvider provider, Uri uri)
    {
        ni = provider;
        Uri = uri;
    }

    public Uri Uri { get; }
    public string Method { get; set; } = "GET";
    /// <summary>HttpWebRequest.cs#L838-L843: keep-alive on, 5-minute read/write timeout.</summary>
    public bool KeepAlive { get; set; } = true;
    public int ReadWriteTimeout { get; set; } = 5 * 60 * 1000;
    /// <summary>HttpWebRequest.cs#L1215-L1218: the first of HttpsAuthentCerts, passed to AuthenticateAsClient.</summary>
    public X509Certificate CaCertificate { get; set; }

    /// <summary>Test isolation: disposes and forgets every pooled connection.</summary>
    public static void ClearPool()
    {
        lock (Pool)
        {
            foreach (var s in Pool)
            {
                s.JoinRelease();
                s.Dispose();
            }
            Pool.Clear();
        }
    }

    /// <summary>HttpWebRequest.cs#L1434-L1488: SubmitRequest, then the status line and headers are parsed; the response reads from the same stream.</summary>
    public FrameworkHttpWebResponse GetResponse()
    {
        try
        {
            SubmitRequest();
            stream.BytesLeftInResponse = -1;
            var response = Parse(stream);
            if (response.Chunked) stream.ChunkedDecoding = true;
            return response;
        }
        catch (SocketException e)
        {
            if (stream != null)
            {
                stream.InUse = false;
                stream.Socket.Close();
            }
            throw new WebException("", e);
        }
        catch (Exception e) when (e is not WebException)
        {
            throw new WebException("", e);
        }
    }

    /// <summary>HttpWebRequest.cs#L1072-L1080.</summary>
    internal static void RemoveFromPool(FrameworkHttpStream s)
    {
        lock (Pool) Pool.Remove(s);
    }

    /// <summary>HttpWebRequest.cs#L1243-L1284: connect (or reuse), both timeouts set to ReadWriteTimeout, then the whole head in one Write.</summary>
    private void SubmitRequest()
    {
        stream ??= EstablishConnection();
        stream.Stream.WriteTimeout = ReadWriteTimeout;
        stream.Stream.ReadTimeout = ReadWriteTimeout;
        var head = new StringBuilder();
        head.Append(Method).Append(' ').Append(Uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(Uri.Host).Append(':').Append(Uri.Port).Append("\r\n");
        head.Append("Connection: ").Append(KeepAlive ? "Keep-Alive" : "Close").Append("\r\n\r\n"); // #L1006-L1015
        var bytes = Encoding.UTF8.GetBytes(head.ToString());
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>
    /// HttpWebRequest.cs#L1087-L1238: a pooled, idle stream to the same host:port is reused when Poll(1 µs, SelectWrite)
    /// says so; one that says no (or throws) is disposed. Otherwise: GetHostEntry (IPv4 literals skip it), Create,
    /// SetOption ReuseAddress and NoDelay (failures ignored), Connect; NetworkStream; for https an SslStream over the
    /// same socket and AuthenticateAsClient(host[, ca]); the new stream joins the pool.
    /// </summary>
    private FrameworkHttpStream EstablishConnection()
    {
        string remote = Uri.Host + ":" + Uri.Port;
        lock (Pool)
        {
            var dead = new List<FrameworkHttpStream>();
            FrameworkHttpStream found = null;
            foreach (var s in Pool)
            {
                if (s.RemoteAddrAndPort != remote || s.InUse) continue;
                try
                {
                    if (s.Socket.Poll(1, SelectMode.SelectWrite))
                    {
                        s.InUse = true;
                        found = s;
                        break;
                    }
                    dead.Add(s);
                }
                catch (Exception)
                {
                    dead.Add(s);
                }
            }
            foreach (var s in dead)
            {
                Pool.Remove(s);
                s.Dispose();
            }
            if (found != null) return found;
        }
        IPAddress address;
        if (Uri.HostNameType == UriHostNameType.IPv4) address = IPAddress.Parse(Uri.Host);
        else
        {
            IPHostEntry entry;
            try
            {
                entry = FrameworkDns.GetHostEntry(ni, Uri.Host);
            }
            catch (SocketException se)
            {
                throw new WebException("host not available", se, WebExceptionStatus.ConnectFailure, null);
            }
            address = entry.AddressList.FirstOrDefault(a => a != null)
                ?? throw new WebException("Unable to resolve Dns entry to valid IPv4 Address", WebExceptionStatus.NameResolutionFailure);
        }
        var socket = new FrameworkSocket(ni);
        try { socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true); } catch (Exception) { }
        try { socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true); } catch (Exception) { }
        try
        {
            socket.Connect(new IPEndPoint(address, Uri.Port));
        }
        catch (SocketException e)
        {
            throw new WebException("connection failed", e, WebExceptionStatus.ConnectFailure, null);
        }
        bool https = Uri.Scheme == "https";
        var result = new FrameworkHttpStream(new FrameworkNetworkStream(socket), socket, !https, remote);
        if (https)
        {
            var ssl = new FrameworkSslStream(socket);
            ssl.AuthenticateAsClient(Uri.Host, CaCertificate);
            result.Stream = ssl;
        }
        lock (Pool) Pool.Add(result);
        return result;
    }

    /// <summary>
    /// HttpWebRequest.cs#L1295-L1408: status line, then header lines until an empty one; Content-Length bounds the
    /// stream's reads; "chunked" turns on chunk decoding; "Connection: close" marks the connection to be closed.
    /// </summary>
    private FrameworkHttpWebResponse Parse(FrameworkHttpStream s)
    {
        string status = s.ReadLine().Trim();
        var parts = status.Split(' ');
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal))
            throw new WebException("Invalid status line: " + status, WebExceptionStatus.ServerProtocolViolation);
        var response = new FrameworkHttpWebResponse(this, s, int.Parse(parts[1]));
        string line;
        while ((line = s.ReadLine()).Length > 0)
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            string name = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            response.Headers[name] = value;
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentLength = long.Parse(value);
                s.BytesLeftInResponse = response.ContentLength;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.ToLowerInvariant().Contains("chunked"))
                response.Chunked = true;
        }
        return response;
    }
}
