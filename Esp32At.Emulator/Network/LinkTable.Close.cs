using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Network;

/// <summary>
/// Closing links: one closer owns a close, writes its CLOSED while the id is still taken, then frees it; a second
/// closer, a CIPSTART or a "has link" check on that id waits for it, so no answer precedes that CLOSED and no new link
/// takes the id before it (the host may answer a CLOSED at once with a CIPSTART).
/// </summary>
public sealed partial class LinkTable
{
    /// <summary>Closes a link from the host side (CIPCLOSE); unread data is discarded.</summary>
    public bool Close(int id) => Close(id, null);

    /// <summary>
    /// Closes link <paramref name="id"/>; <paramref name="closedLine"/> (the CIPCLOSE answer's <c>&lt;id&gt;,CLOSED</c>)
    /// is written before the id can be given to a new server client, so its CONNECT never precedes that CLOSED.
    /// </summary>
    public bool Close(int id, string? closedLine) => Close(id, closedLine, 0);

    private bool Close(int id, string? closedLine, int delayBeforeLineMs)
    {
        EmulatedLink? link;
        lock (gate)
        {
            // A second closer (CIPCLOSE racing the peer's close) waits until the first one's CLOSED is out and the id
            // is free: its ERROR never precedes that CLOSED, and no new link takes the id before it.
            if (!WaitWhileClosing(id)) return false;
            link = links[id];
            if (link is null) return false;
            link.Closing = true;
        }
        try
        {
            link.Channel.Dispose();
            if (delayBeforeLineMs > 0) Thread.Sleep(delayBeforeLineMs);
            if (closedLine is not null) emulator.Output(closedLine);
        }
        finally
        {
            lock (gate)
            {
                links[id] = null;
                Monitor.PulseAll(gate);
            }
        }
        if (link.IsDatagram && link.LocalPort != 0) Ports.Release("UDP", link.LocalPort);
        if (link.IsServer) Server?.ServerLinkClosed();
        return true;
    }

    /// <summary>
    /// Under <c>gate</c>: waits while another thread is closing link <paramref name="id"/> (its CLOSED is being
    /// written); false if that took over 2 s (the closer's write may wait on a stalled host).
    /// </summary>
    private bool WaitWhileClosing(int id)
    {
        long giveUp = Environment.TickCount64 + 2000;
        while (links[id] is { Closing: true })
        {
            if (Environment.TickCount64 >= giveUp) return false;
            Monitor.Wait(gate, 50);
        }
        return true;
    }

    /// <summary>Whether id <paramref name="id"/> holds a link; a link whose CLOSED is being written is waited for (the host may answer that CLOSED at once with a CIPSTART).</summary>
    public bool Occupied(int id)
    {
        lock (gate) return !WaitWhileClosing(id) || links[id] is not null;
    }

    /// <summary>Closes a link and writes its CLOSED URC (peer close, CIPSTO, CIPSERVER=0,1).</summary>
    public void CloseAndReport(int id)
    {
        var link = this[id];
        // In passthrough the connection messages are silent unless SYSMSG bit2 (spec §2.1).
        bool silent = link is not null && link == Passthrough && (emulator.State.SysMsg & 4) == 0;
        Close(id, silent ? null : $"{Prefix(id)}CLOSED\r\n", emulator.Faults.CloseReportDelayMs); // CLOSED is out before the id is free
    }

    /// <summary>Closes every link and the server without a URC (reboot: the firmware prints no CLOSED lines).</summary>
    public void DropAll()
    {
        Passthrough = null;
        Server?.Stop();
        Server = null;
        for (int i = 0; i < links.Length; i++) Close(i);
        EverLinked = false;
        // Only CIPSSLCCONF is saved in NVS (spec §2.3); the names and ALPN lists are lost with the RAM.
        foreach (var tls in Tls)
        {
            tls.Sni = null;
            tls.CommonName = null;
            tls.Alpn = [];
        }
    }
}
