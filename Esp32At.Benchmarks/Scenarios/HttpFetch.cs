using System.Diagnostics;
using Esp32At.Benchmarks.Peers;
using Esp32At.Links;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>One HTTP/1.1 GET through the connection table, as an application would write it: open, send, read to the end.</summary>
public static class HttpFetch
{
    /// <summary>Seconds spent opening (incl. a TLS handshake), sending the request, and receiving the answer.</summary>
    public readonly record struct Timing(double Connect, double Send, double Receive)
    {
        public double Total => Connect + Send + Receive;
    }

    public static Timing Get(ConnectionTable links, int port, int size, TlsSettings? tls = null, int readSize = 2048) =>
        Get(links, port, size, HttpPeer.Request(size), new byte[readSize], tls);

    /// <summary>As above with the request and the read buffer given, so the GET itself allocates only what the library does.</summary>
    public static Timing Get(ConnectionTable links, int port, int size, byte[] request, byte[] buffer, TlsSettings? tls = null)
    {
        long start = Stopwatch.GetTimestamp();
        int link = tls == null ? links.OpenTcp("127.0.0.1", port) : links.OpenSsl("127.0.0.1", port, tls);
        double connect = Stopwatch.GetElapsedTime(start).TotalSeconds;
        links.Send(link, request, 0, request.Length);
        double send = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long expected = HttpPeer.ResponseLength(size);
        long got = 0;
        while (got < expected)
        {
            int n = links.Receive(link, buffer, 0, buffer.Length, 15000);
            if (n == 0) break;
            got += n;
        }
        double receive = Stopwatch.GetElapsedTime(start).TotalSeconds;
        links.Close(link);
        if (got != expected) throw new InvalidOperationException($"GET /{size}: {got} of {expected} bytes");
        return new Timing(connect, send - connect, receive - send);
    }
}
