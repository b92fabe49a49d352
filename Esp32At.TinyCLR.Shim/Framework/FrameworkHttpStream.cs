using System.Net.Sockets;
using System.Text;

namespace GHIElectronics.TinyCLR.Framework;

/// <summary>
/// TinyCLR 2.2.1.2000's <c>InputNetworkStreamWrapper</c>, the stream under HttpWebRequest and HttpListener, as far as it
/// drives the provider (<c>ghi-electronics/TinyCLR-Libraries@a9c94720:GHIElectronics.TinyCLR.Networking.Http/
/// System.Net._InputNetworkStreamWrapper.cs</c>, cited as <c>Input.cs#L..</c>). Call structure ported, not the code.
/// </summary>
public sealed class FrameworkHttpStream : IDisposable
{
    /// <summary>Input.cs#L67.</summary>
    private const int ReadBufferSize = 256;
    private readonly byte[] readBuffer = new byte[ReadBufferSize];
    private int dataStart;
    private int dataEnd;
    private long chunkSize = -1;
    private long chunkOffset;
    private Thread release;
    private bool isClone;

    /// <summary>Input.cs#L166-L185: in use from the start, no length known (-1).</summary>
    public FrameworkHttpStream(FrameworkNetworkStream stream, FrameworkSocket socket, bool ownsSocket, string remote)
    {
        Stream = stream;
        Socket = socket;
        OwnsSocket = ownsSocket;
        RemoteAddrAndPort = remote;
    }

    /// <summary>The NetworkStream, replaced by the SslStream for https (HttpWebRequest.cs#L1221).</summary>
    public FrameworkNetworkStream Stream { get; internal set; }
    public FrameworkSocket Socket { get; }
    public bool OwnsSocket { get; }
    internal string RemoteAddrAndPort { get; set; }
    internal bool InUse { get; set; } = true;
    internal long BytesLeftInResponse { get; set; } = -1;
    internal bool ChunkedDecoding { get; set; }

    /// <summary>Input.cs#L110-L147: Length (provider Available) sizes the read (1 when nothing is there, at most 256), then Read until something came or ReadTimeout passed.</summary>
    private int Refill()
    {
        dataStart = dataEnd = 0;
        int readCount = (int)Stream.Length;
        if (readCount > ReadBufferSize) readCount = ReadBufferSize;
        else if (readCount == 0) readCount = 1;
        var expired = Stream.ReadTimeout == Timeout.Infinite ? DateTime.UtcNow + FrameworkSocket.HangGuard : DateTime.UtcNow.AddMilliseconds(Stream.ReadTimeout);
        while (DateTime.UtcNow < expired && dataEnd == 0) dataEnd += Stream.Read(readBuffer, 0, readCount - dataEnd);
        return dataEnd;
    }

    /// <summary>Input.cs#L187-L237: plain, or within the current chunk (a 0-size chunk is the end).</summary>
    public int Read(byte[] buffer, int offset, int size)
    {
        if (!ChunkedDecoding) return ReadInternal(buffer, offset, size);
        if (chunkSize < 0)
        {
            chunkSize = ReadChunkHeader();
            chunkOffset = 0;
        }
        if (chunkSize == 0) return 0;
        if (size > chunkSize - chunkOffset) size = (int)(chunkSize - chunkOffset);
        int n = ReadInternal(buffer, offset, size);
        chunkOffset += n;
        if (chunkOffset == chunkSize)
        {
            ReadLine(); // the CRLF after the chunk's data (Input.cs#L644-L: GetChunk's InitialLF state)
            chunkSize = -1;
        }
        return n;
    }

    /// <summary>Input.cs#L299-L371: buffered bytes first; small requests refill the 256-byte buffer, large ones read directly.</summary>
    public int ReadInternal(byte[] buffer, int offset, int size)
    {
        int ret = Copy(buffer, ref offset, ref size);
        if (size > 0 && (BytesLeftInResponse == -1 || BytesLeftInResponse > ret))
        {
            if (size < ReadBufferSize)
            {
                if (Refill() == 0) return 0;
                ret += Copy(buffer, ref offset, ref size);
            }
            else ret += Stream.Read(buffer, offset, size);
        }
        if (BytesLeftInResponse > 0)
        {
            BytesLeftInResponse -= ret;
            if (BytesLeftInResponse < 0) BytesLeftInResponse = 0;
        }
        return ret;
    }

    /// <summary>Input.cs#L478-L567: byte by byte through the buffer up to CR/LF (CR takes one more byte); no byte at all is SocketException(ConnectionAborted).</summary>
    internal string ReadLine()
    {
        var line = new List<byte>();
        while (true)
        {
            if (dataEnd == dataStart && Refill() == 0) break;
            byte b = readBuffer[dataStart++];
            line.Add(b);
            if (b == '\r' || b == '\n')
            {
                if (b == '\r' && (dataEnd != dataStart || Refill() != 0)) line.Add(readBuffer[dataStart++]);
                break;
            }
        }
        if (line.Count == 0) throw new SocketException((int)SocketError.ConnectionAborted);
        return line.Count > 2 ? Encoding.UTF8.GetString(line.ToArray(), 0, line.Count - 2) : "";
    }

    /// <summary>Input.cs#L239-L271: Poll(0.5 s when the body was read, else 1 s, SelectRead), Available, Read what is there; until Poll is false or nothing is available.</summary>
    public void FlushReadBuffer()
    {
        var buffer = new byte[1024];
        int waitUs = BytesLeftInResponse == 0 ? 500_000 : 1_000_000;
        try
        {
            while (Socket.Poll(waitUs, SelectMode.SelectRead))
            {
                int avail = Socket.Available;
                if (avail == 0) break;
                while (avail > 0)
                {
                    int n = Stream.Read(buffer, 0, avail > buffer.Length ? buffer.Length : avail);
                    if (n <= 0) break;
                    avail -= n;
                }
            }
        }
        catch (Exception)
        {
            // GHI swallows everything here (Input.cs#L264-L266)
        }
        dataEnd = dataStart = 0;
        BytesLeftInResponse = -1;
    }

    /// <summary>Input.cs#L273-L297: on a new thread, flush, reset, then the connection is free for reuse.</summary>
    public void ReleaseStream()
    {
        release = new Thread(() =>
        {
            FlushReadBuffer();
            dataStart = dataEnd = 0;
            ChunkedDecoding = false;
            chunkSize = -1;
            InUse = false;
        });
        release.Start();
    }

    /// <summary>Test hook: waits for a ReleaseStream thread (GHI's runs detached; a request made meanwhile opens a new connection).</summary>
    public void JoinRelease() => release?.Join();

    public void Write(byte[] buffer, int offset, int count) => Stream.Write(buffer, offset, count);

    /// <summary>Input.cs#L445-L454: a copy sharing the buffer and the streams, with its own position; disposing it closes nothing.</summary>
    internal FrameworkHttpStream Clone()
    {
        var clone = (FrameworkHttpStream)MemberwiseClone();
        clone.isClone = true;
        return clone;
    }

    /// <summary>HttpWebResponse.cs#L184-L191: the response stream is a clone; the original forgets what it had buffered.</summary>
    internal void ForgetBuffered() => dataStart = dataEnd = 0;

    /// <summary>Input.cs#L456-L471: the stream is closed; the socket too when owned (plain http, not https: HttpWebRequest.cs#L1193).</summary>
    public void Dispose()
    {
        InUse = false;
        if (isClone) return;
        Stream.Close();
        if (OwnsSocket) Socket.Close();
    }

    private int Copy(byte[] buffer, ref int offset, ref int size)
    {
        int n = Math.Min(size, dataEnd - dataStart);
        if (n <= 0) return 0;
        Array.Copy(readBuffer, dataStart, buffer, offset, n);
        dataStart += n;
        offset += n;
        size -= n;
        return n;
    }

    private long ReadChunkHeader()
    {
        string line = ReadLine();
        int semi = line.IndexOf(';');
        return Convert.ToInt64((semi < 0 ? line : line[..semi]).Trim(), 16);
    }
}
