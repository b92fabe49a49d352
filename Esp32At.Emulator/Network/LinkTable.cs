using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Network;

/// <summary>The emulated firmware's five links and the real sockets behind them; writes the link URCs (spec §3).</summary>
public sealed class LinkTable(EspEmulator emulator)
{
    private readonly object gate = new();
    private readonly EmulatedLink?[] links = new EmulatedLink?[5];

    public EmulatedLink? this[int id] { get { lock (gate) return links[id]; } }

    /// <summary>Names the emulator resolves (CIPSTART hosts, CIPDOMAIN).</summary>
    public DnsTable Dns { get; } = new();

    /// <summary>Connects link <paramref name="id"/> over real TCP; throws <see cref="CommandException"/> when the link is in use or the connect fails.</summary>
    public EmulatedLink ConnectTcp(int id, IPEndPoint remote, int timeoutMs)
    {
        lock (gate)
        {
            if (links[id] is not null) throw new CommandException("0x010a0000"); // ALREADY CONNECTED (logged on UART0 only)
        }
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var cts = new CancellationTokenSource(timeoutMs);
            socket.ConnectAsync(remote, cts.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            throw new CommandException("0x010a0000");
        }
        var link = new EmulatedLink(id, "TCP", socket, remote, isServer: false);
        lock (gate) links[id] = link;
        return link;
    }

    /// <summary>Starts moving the peer's bytes into the link (after the command that opened it has answered).</summary>
    public void StartReading(EmulatedLink link) =>
        new Thread(() => ReadLoop(link)) { IsBackground = true, Name = $"esp-at link {link.Id}" }.Start();

    /// <summary>Closes a link from the host side (CIPCLOSE); unread data is discarded.</summary>
    public bool Close(int id)
    {
        EmulatedLink? link;
        lock (gate)
        {
            link = links[id];
            links[id] = null;
        }
        if (link is null) return false;
        try { link.Socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
        link.Socket.Dispose();
        return true;
    }

    /// <summary>Closes every link without a URC (reboot: the firmware prints no CLOSED lines).</summary>
    public void DropAll()
    {
        for (int i = 0; i < links.Length; i++) Close(i);
    }

    /// <summary>After a passive read: re-notify remaining bytes, or report a deferred CLOSED once drained.</summary>
    public void AfterRead(EmulatedLink link)
    {
        int remaining = link.AfterRead();
        if (remaining > 0) emulator.Output($"\r\n+IPD,{link.Id},{remaining}\r\n");
        else if (link.RemoteClosed && Close(link.Id)) emulator.Output($"{link.Id},CLOSED\r\n");
    }

    private void ReadLoop(EmulatedLink link)
    {
        var buffer = new byte[2920];
        try
        {
            while (true)
            {
                bool passive = emulator.State.RecvMode[link.Id] == 1;
                if (passive) link.WaitForRoom(200);
                if (this[link.Id] != link) return;
                int room = passive ? EmulatedLink.ReceiveWindow - link.Buffered : buffer.Length;
                if (room <= 0) continue;
                int n = link.Socket.Receive(buffer, 0, Math.Min(room, buffer.Length), SocketFlags.None);
                if (n == 0) break;
                if (passive) Notify(link, buffer, n);
                else emulator.Output(ActiveFrame(link, buffer, n));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            if (this[link.Id] != link) return; // closed by the host
        }
        link.RemoteClosed = true;
        if (link.Buffered == 0 && Close(link.Id)) emulator.Output($"{link.Id},CLOSED\r\n");
    }

    private void Notify(EmulatedLink link, byte[] data, int n)
    {
        int total = link.Buffer(data, n);
        if (total > 0 && !emulator.Faults.DropNotice()) emulator.Output($"\r\n+IPD,{link.Id},{total}\r\n");
    }

    private byte[] ActiveFrame(EmulatedLink link, byte[] data, int n)
    {
        var header = emulator.State.CipDInfo
            ? $"\r\n+IPD,{link.Id},{n},\"{link.Remote.Address}\",{link.Remote.Port}:"
            : $"\r\n+IPD,{link.Id},{n}:";
        var head = Encoding.ASCII.GetBytes(header);
        var frame = new byte[head.Length + n + 2];
        head.CopyTo(frame, 0);
        Array.Copy(data, 0, frame, head.Length, n);
        frame[^2] = (byte)'\r';
        frame[^1] = (byte)'\n';
        return frame;
    }
}
