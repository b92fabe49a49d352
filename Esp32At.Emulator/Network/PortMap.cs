using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Esp32At.Emulator.Network;

/// <summary>One ESP port and the real host endpoint behind it.</summary>
/// <param name="Protocol"><c>TCP</c> (a server) or <c>UDP</c> (a UDP link's local port).</param>
/// <param name="EspPort">The port number on the ESP's side, as the firmware's commands name it.</param>
/// <param name="Host">The real 127.0.0.1 (or, for IPv6 links and servers, [::1]) endpoint the emulator bound for that port.</param>
public sealed record PortMapping(string Protocol, int EspPort, IPEndPoint Host)
{
    public override string ToString() => $"ESP {Protocol} port {EspPort} -> {Host}";
}

/// <summary>
/// Binds the real sockets behind ESP ports: the same port number on 127.0.0.1 when it is free (and the options allow),
/// else an ephemeral one. The current mappings are readable, and every new binding is announced.
/// </summary>
public sealed class PortMap(bool sameIfFree)
{
    private readonly ConcurrentDictionary<(string, int), PortMapping> current = new();

    /// <summary>Raised when an ESP port was bound to a host endpoint.</summary>
    public event Action<PortMapping>? Mapped;

    /// <summary>The live mappings.</summary>
    public IReadOnlyCollection<PortMapping> Mappings => current.Values.ToList();

    /// <summary>The host endpoint behind ESP TCP server port <paramref name="espPort"/>, or null.</summary>
    public IPEndPoint? TcpServer(int espPort) => current.TryGetValue(("TCP", espPort), out var m) ? m.Host : null;

    /// <summary>The host endpoint behind ESP UDP local port <paramref name="espPort"/>, or null.</summary>
    public IPEndPoint? Udp(int espPort) => current.TryGetValue(("UDP", espPort), out var m) ? m.Host : null;

    /// <summary>A listening TCP socket for ESP port <paramref name="espPort"/>; on <c>[::1]</c> instead of 127.0.0.1 when
    /// <paramref name="ipv6"/> (a TCPv6/SSLv6 server, docs/esp-at-ipv6.md).</summary>
    public Socket Listen(int espPort, int backlog, IPEndPoint? previous = null, bool ipv6 = false)
    {
        var socket = Bind(espPort, SocketType.Stream, ProtocolType.Tcp, previous, ipv6 ? IPAddress.IPv6Loopback : null);
        socket.Listen(backlog);
        Announce("TCP", espPort, socket);
        return socket;
    }

    /// <summary>A UDP socket for ESP local port <paramref name="espPort"/> (0: any).</summary>
    public Socket BindUdp(int espPort, IPAddress local)
    {
        var socket = Bind(espPort, SocketType.Dgram, ProtocolType.Udp, null, local);
        if (espPort != 0) Announce("UDP", espPort, socket);
        return socket;
    }

    /// <summary>Forgets the mapping of an ESP port that was closed.</summary>
    public void Release(string protocol, int espPort) => current.TryRemove((protocol, espPort), out _);

    private Socket Bind(int espPort, SocketType type, ProtocolType protocol, IPEndPoint? previous, IPAddress? local = null)
    {
        local ??= IPAddress.Loopback;
        var socket = new Socket(local.AddressFamily, type, protocol);
        // Re-listening after the connection cap freed (spec §2.3) takes the port it had, so clients keep one address.
        int[] tries = previous is not null ? [previous.Port, 0] : sameIfFree && espPort != 0 ? [espPort, 0] : [0];
        foreach (var port in tries)
        {
            try
            {
                socket.Bind(new IPEndPoint(local, port));
                return socket;
            }
            catch (SocketException) when (port != 0)
            {
                socket.Dispose();
                socket = new Socket(local.AddressFamily, type, protocol);
            }
        }
        throw new InvalidOperationException("unreachable");
    }

    private void Announce(string protocol, int espPort, Socket socket)
    {
        var mapping = new PortMapping(protocol, espPort, (IPEndPoint)socket.LocalEndPoint!);
        if (current.TryGetValue((protocol, espPort), out var old) && old.Host.Equals(mapping.Host)) return;
        current[(protocol, espPort)] = mapping;
        Mapped?.Invoke(mapping);
    }
}
