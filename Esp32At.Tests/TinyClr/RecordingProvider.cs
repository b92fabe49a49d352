using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GHIElectronics.TinyCLR.Networking;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// A scripted provider that records every call GHI's classes (the shim's ports) make, as "Name(args)" strings; runs of
/// the same call collapse to "Name(args)*". Peers are scripted per handle: bytes to deliver, end of stream, a dropped link.
/// Receive follows 2.2's convention (0 = no data yet, -1 = end of stream). Optionally forwards to a real provider
/// (<see cref="Inner"/>) so the same sequence can be recorded end to end.
/// </summary>
public sealed class RecordingProvider : INetworkProvider
{
    private readonly List<string> calls = new();
    private int next = 1;

    public RecordingProvider(INetworkProvider? inner = null) => Inner = inner;

    public INetworkProvider? Inner { get; }
    /// <summary>Incoming bytes per handle.</summary>
    public Dictionary<int, Queue<byte>> Incoming { get; } = new();
    public HashSet<int> PeerClosed { get; } = new();
    public HashSet<int> Dropped { get; } = new();
    public Dictionary<int, MemoryStream> Sent { get; } = new();
    /// <summary>Handles Accept hands out, in order.</summary>
    public Queue<int> AcceptQueue { get; } = new();

    public string[] Calls => Collapse(_ => true);

    /// <summary>Only the calls on one handle (what a second thread interleaves is left out).</summary>
    public string[] CallsOn(int handle) => Collapse(c => c.Contains("(" + handle + ",") || c.Contains("(" + handle + ")"));

    private string[] Collapse(Func<string, bool> keep)
    {
        {
            lock (calls)
            {
                var collapsed = new List<string>();
                foreach (var c in calls.Where(keep))
                {
                    if (collapsed.Count > 0 && (collapsed[^1] == c || collapsed[^1] == c + "*")) collapsed[^1] = c + "*";
                    else collapsed.Add(c);
                }
                return collapsed.ToArray();
            }
        }
    }

    public void Clear()
    {
        lock (calls) calls.Clear();
    }

    public void Deliver(int handle, string text)
    {
        lock (Incoming)
        {
            if (!Incoming.TryGetValue(handle, out var q)) Incoming[handle] = q = new Queue<byte>();
            foreach (var b in Encoding.ASCII.GetBytes(text)) q.Enqueue(b);
        }
    }

    public string SentText(int handle) => Sent.TryGetValue(handle, out var m) ? Encoding.ASCII.GetString(m.ToArray()) : "";

    private void Log(string call)
    {
        lock (calls) calls.Add(call);
    }

    private int Pending(int h)
    {
        lock (Incoming) return Incoming.TryGetValue(h, out var q) ? q.Count : 0;
    }

    public int Create(AddressFamily af, SocketType type, ProtocolType protocol)
    {
        Log($"Create({type},{protocol})");
        return Inner?.Create(af, type, protocol) ?? next++;
    }

    public void Close(int socket)
    {
        Log($"Close({socket})");
        Inner?.Close(socket);
    }

    public void Bind(int socket, SocketAddress address)
    {
        Log($"Bind({socket},{address.Size}:{(IPEndPoint)new IPEndPoint(0, 0).Create(address)})");
        Inner?.Bind(socket, address);
    }

    public void Listen(int socket, int backlog)
    {
        Log($"Listen({socket},{backlog})");
        Inner?.Listen(socket, backlog);
    }

    public int Accept(int socket)
    {
        Log($"Accept({socket})");
        if (Inner != null) return Inner.Accept(socket);
        lock (AcceptQueue)
        {
            if (AcceptQueue.Count > 0) return AcceptQueue.Dequeue();
        }
        throw new SocketException((int)SocketError.NotSocket);
    }

    public void Connect(int socket, SocketAddress address)
    {
        Log($"Connect({socket},{(IPEndPoint)new IPEndPoint(0, 0).Create(address)})");
        Inner?.Connect(socket, address);
    }

    public int Available(int socket)
    {
        Log($"Available({socket})");
        return Inner?.Available(socket) ?? Pending(socket);
    }

    public bool Poll(int socket, int microSeconds, SelectMode mode)
    {
        Log($"Poll({socket},{microSeconds},{mode})");
        if (Inner != null) return Inner.Poll(socket, microSeconds, mode);
        return mode switch
        {
            SelectMode.SelectWrite => !Dropped.Contains(socket),
            SelectMode.SelectRead => Pending(socket) > 0 || PeerClosed.Contains(socket) || AcceptQueue.Count > 0,
            _ => Dropped.Contains(socket),
        };
    }

    public int Send(int socket, byte[] buffer, int offset, int count, SocketFlags flags)
    {
        Log($"Send({socket},{count})");
        return Inner?.Send(socket, buffer, offset, count, flags) ?? ScriptedSend(socket, buffer, offset, count);
    }

    private int ScriptedSend(int socket, byte[] buffer, int offset, int count)
    {
        if (Dropped.Contains(socket)) throw new SocketException((int)SocketError.ConnectionReset);
        if (!Sent.TryGetValue(socket, out var m)) Sent[socket] = m = new MemoryStream();
        m.Write(buffer, offset, count);
        return count;
    }

    public int Receive(int socket, byte[] buffer, int offset, int count, SocketFlags flags)
    {
        Log($"Receive({socket},{count})");
        return Inner?.Receive(socket, buffer, offset, count, flags) ?? ScriptedReceive(socket, buffer, offset, count);
    }

    private int ScriptedReceive(int socket, byte[] buffer, int offset, int count)
    {
        lock (Incoming)
        {
            int n = 0;
            if (Incoming.TryGetValue(socket, out var q))
                while (n < count && q.Count > 0) buffer[offset + n++] = q.Dequeue();
            if (n > 0) return n;
        }
        return PeerClosed.Contains(socket) ? -1 : 0;
    }

    public int SendTo(int socket, byte[] buffer, int offset, int count, SocketFlags flags, SocketAddress address)
    {
        Log($"SendTo({socket},{count})");
        return Inner?.SendTo(socket, buffer, offset, count, flags, address) ?? count;
    }

    public int ReceiveFrom(int socket, byte[] buffer, int offset, int count, SocketFlags flags, ref SocketAddress address)
    {
        Log($"ReceiveFrom({socket},{count})");
        return Inner?.ReceiveFrom(socket, buffer, offset, count, flags, ref address) ?? ScriptedReceive(socket, buffer, offset, count);
    }

    public void GetRemoteAddress(int socket, out SocketAddress address)
    {
        Log($"GetRemoteAddress({socket})");
        if (Inner != null) Inner.GetRemoteAddress(socket, out address);
        else address = new IPEndPoint(IPAddress.Loopback, 80).Serialize();
    }

    public void GetLocalAddress(int socket, out SocketAddress address)
    {
        Log($"GetLocalAddress({socket})");
        if (Inner != null) Inner.GetLocalAddress(socket, out address);
        else address = new IPEndPoint(IPAddress.Loopback, 1000 + socket).Serialize();
    }

    public void GetOption(int socket, SocketOptionLevel level, SocketOptionName name, byte[] value)
    {
        Log($"GetOption({socket},{level},{name})");
        if (Inner != null) Inner.GetOption(socket, level, name, value);
        else if (name == SocketOptionName.Type) BitConverter.GetBytes((int)SocketType.Stream).CopyTo(value, 0);
    }

    public void SetOption(int socket, SocketOptionLevel level, SocketOptionName name, byte[] value)
    {
        Log($"SetOption({socket},{level},{name},{BitConverter.ToInt32(value, 0)})");
        Inner?.SetOption(socket, level, name, value);
    }

    public int AuthenticateAsClient(int socket, string host, X509Certificate ca, X509Certificate client, SslProtocols protocols, SslVerification verification)
    {
        Log($"AuthenticateAsClient({socket},{host},{(ca == null ? "no ca" : "ca")},{(client == null ? "no cert" : "cert")},{protocols},{verification})");
        return Inner?.AuthenticateAsClient(socket, host, ca, client, protocols, verification) ?? socket;
    }

    public int AuthenticateAsServer(int socket, X509Certificate certificate, SslProtocols protocols)
    {
        Log($"AuthenticateAsServer({socket},{protocols})");
        return Inner?.AuthenticateAsServer(socket, certificate, protocols) ?? socket;
    }

    public int SecureRead(int handle, byte[] buffer, int offset, int count)
    {
        Log($"SecureRead({handle},{count})");
        return Inner?.SecureRead(handle, buffer, offset, count) ?? ScriptedReceive(handle, buffer, offset, count);
    }

    public int SecureWrite(int handle, byte[] buffer, int offset, int count)
    {
        Log($"SecureWrite({handle},{count})");
        return Inner?.SecureWrite(handle, buffer, offset, count) ?? ScriptedSend(handle, buffer, offset, count);
    }

    public void GetHostByName(string name, out string canonicalName, out SocketAddress[] addresses)
    {
        Log($"GetHostByName({name})");
        if (Inner != null)
        {
            Inner.GetHostByName(name, out canonicalName, out addresses);
            return;
        }
        canonicalName = name;
        addresses = new[] { new IPEndPoint(IPAddress.Loopback, 0).Serialize() };
    }
}
