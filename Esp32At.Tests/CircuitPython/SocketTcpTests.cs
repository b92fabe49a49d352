using System.Diagnostics;
using System.Net.Sockets;
using Esp32At.CircuitPython;
using Esp32At.Tests.EmulatorNet;
using CpSocket = Esp32At.CircuitPython.Socket;

namespace Esp32At.Tests.CircuitPython;

/// <summary>socketpool TCP client sockets over the emulator against real loopback peers.</summary>
public sealed class SocketTcpTests : IDisposable
{
    private readonly SocketPoolFixture f = new();

    public void Dispose() => f.Dispose();

    [Fact]
    public void SendAll_100KB_IsEchoedByteForByte()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var s = f.Tcp();
        s.Connect("127.0.0.1", server.Port);
        var data = new byte[100 * 1024];
        new Random(6).NextBytes(data);
        Exception? sendError = null;
        var sender = new Thread(() =>
        {
            try { s.SendAll(data); }
            catch (Exception e) { sendError = e; }
        });
        sender.Start();
        var back = SocketPoolFixture.ReadAll(s, data.Length);
        Assert.True(sender.Join(10000));
        Assert.Null(sendError);
        Assert.Equal(data, back);
    }

    [Fact]
    public void Send_ReturnsTheByteCount()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var s = f.Tcp();
        s.Connect("echo.test", server.Port);
        Assert.Equal(5, s.Send("hello"u8.ToArray()));
        Assert.Equal("hello"u8.ToArray(), SocketPoolFixture.ReadAll(s, 5));
    }

    [Fact]
    public void RecvInto_ReturnsZeroAtEndOfStream_AndKeepsDoingSo()
    {
        using var server = new LoopbackServer(stream => stream.Write("bye"u8));
        using var s = f.Tcp();
        s.Connect("127.0.0.1", server.Port);
        Assert.Equal("bye"u8.ToArray(), SocketPoolFixture.ReadAll(s, 3));
        var buf = new byte[16];
        Assert.Equal(0, s.RecvInto(buf));
        Assert.Equal(0, s.RecvInto(buf));
        Assert.Equal(-1, s.Link); // the link id is released, never reused under this socket
        var e = Assert.Throws<OSError>(() => s.Send("x"u8.ToArray()));
        Assert.Equal(Errno.EPIPE, e.Errno);
    }

    [Fact]
    public void RecvInto_HonoursNbytes_AndRejectsTooLarge()
    {
        using var server = new LoopbackServer(stream => { stream.Write("abcdef"u8); Thread.Sleep(Timeout.Infinite); });
        using var s = f.Tcp();
        s.Connect("127.0.0.1", server.Port);
        var buf = new byte[8];
        Assert.Equal(2, s.RecvInto(buf, 2));
        Assert.Equal("ab"u8.ToArray(), buf[..2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.RecvInto(buf, 9));
        Assert.Equal("cdef"u8.ToArray(), s.Recv(8));
    }

    [Fact]
    public void Timeout_Zero_IsNonBlocking_Eagain()
    {
        using var silent = new SilentServer();
        using var s = f.Tcp();
        s.Connect("127.0.0.1", silent.Port);
        s.SetTimeout(0);
        Assert.Equal(0.0, s.Timeout);
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<OSError>(() => s.RecvInto(new byte[4]));
        Assert.Equal(Errno.EAGAIN, e.Errno);
        Assert.True(clock.ElapsedMilliseconds < 1500, $"took {clock.ElapsedMilliseconds} ms");
        s.SetBlocking(true);
        Assert.Equal(CpSocket.None, s.Timeout);
        s.SetBlocking(false);
        Assert.Equal(0.0, s.Timeout);
    }

    [Fact]
    public void Timeout_Seconds_RaisesEtimedoutAfterTheTimeout()
    {
        using var silent = new SilentServer();
        using var s = f.Tcp();
        s.Connect("127.0.0.1", silent.Port);
        s.SetTimeout(0.3);
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<OSError>(() => s.RecvInto(new byte[4]));
        Assert.Equal(Errno.ETIMEDOUT, e.Errno);
        Assert.InRange(clock.ElapsedMilliseconds, 290, 5000);
    }

    [Fact]
    public async Task Timeout_None_BlocksUntilDataArrives()
    {
        using var silent = new SilentServer();
        using var s = f.Tcp();
        s.Connect("127.0.0.1", silent.Port);
        Assert.Equal(CpSocket.None, s.Timeout); // the core's default: blocking
        var buf = new byte[8];
        var read = Task.Run(() => s.RecvInto(buf));
        Assert.False(await read.Within(700)); // longer than a receive slice: still blocked
        silent.Send("late"u8.ToArray());
        Assert.True(await read.Within(5000));
        Assert.Equal(4, (await read));
        Assert.Equal("late"u8.ToArray(), buf[..4]);
    }

    [Fact]
    public async Task Close_FromAnotherThread_EndsABlockedRecvWithEbadf()
    {
        using var silent = new SilentServer();
        var s = f.Tcp();
        s.Connect("127.0.0.1", silent.Port);
        var read = Task.Run(() => s.RecvInto(new byte[8]));
        Assert.False(await read.Within(100));
        s.Close();
        var e = await Assert.ThrowsAsync<OSError>(() => read.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(Errno.EBADF, e.Errno);
        s.Close(); // idempotent
    }

    [Fact]
    public void SetTimeout_Negative_IsRejected()
    {
        using var s = f.Tcp();
        Assert.Throws<ArgumentOutOfRangeException>(() => s.SetTimeout(-2));
    }

    [Fact]
    public void Connect_ToAClosedPort_IsEconnrefused_AndFreesTheLink()
    {
        var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        using var s = f.Tcp();
        var e = Assert.Throws<OSError>(() => s.Connect("127.0.0.1", port));
        Assert.Equal(Errno.ECONNREFUSED, e.Errno);
        Assert.Equal(-1, s.Link);
        for (int i = 0; i < f.Pool.Links.Count; i++) Assert.Equal(Esp32At.Links.LinkState.Free, f.Pool.Links.StateOf(i));
    }

    [Fact]
    public void Unconnected_And_Closed_SocketsRaiseTheCoreErrnos()
    {
        var s = f.Tcp();
        Assert.Equal(Errno.ENOTCONN, Assert.Throws<OSError>(() => s.Send("x"u8.ToArray())).Errno);
        Assert.Equal(Errno.ENOTCONN, Assert.Throws<OSError>(() => s.RecvInto(new byte[1])).Errno);
        s.Close();
        Assert.Equal(Errno.EBADF, Assert.Throws<OSError>(() => s.Connect("127.0.0.1", 1)).Errno);
    }

    [Fact]
    public void SixthConnection_IsEmfile_OutOfSockets()
    {
        var servers = Enumerable.Range(0, 6).Select(_ => new SilentServer()).ToList();
        var sockets = new List<CpSocket>();
        try
        {
            for (int i = 0; i < 5; i++)
            {
                var s = f.Tcp();
                s.Connect("127.0.0.1", servers[i].Port);
                sockets.Add(s);
            }
            using var sixth = f.Tcp();
            Assert.Equal(Errno.EMFILE, Assert.Throws<OSError>(() => sixth.Connect("127.0.0.1", servers[5].Port)).Errno);
        }
        finally
        {
            foreach (var s in sockets) s.Close();
            foreach (var srv in servers) srv.Dispose();
        }
    }

    [Fact]
    public void GetAddrInfo_ResolvesThroughTheEsp_AndUnknownNamesAreGaierror()
    {
        var info = Assert.Single(f.Pool.GetAddrInfo("echo.test", 80));
        Assert.Equal(SocketPool.AF_INET, info.Family);
        Assert.Equal(new SocketEndpoint("127.0.0.1", 80), info.Address);
        Assert.Equal("", info.CanonName);
        var e = Assert.Throws<GaiError>(() => f.Pool.GetAddrInfo("nowhere.invalid", 80));
        Assert.Equal(SocketPool.EAI_NONAME, e.Errno);
    }

    [Fact]
    public void SetSockOpt_NoDelay_GoesToTheEsp_UnknownOptionsAreEnoprotoopt()
    {
        using var silent = new SilentServer();
        using var s = f.Tcp();
        s.SetSockOpt(SocketPool.SOL_SOCKET, SocketPool.SO_REUSEADDR, 1);
        s.Connect("127.0.0.1", silent.Port);
        s.SetSockOpt(SocketPool.IPPROTO_TCP, SocketPool.TCP_NODELAY, 1);
        Assert.Contains(f.Trace.Lines, l => l.StartsWith(">> AT+CIPTCPOPT=" + s.Link + ",-1,1,"));
        Assert.Equal(Errno.ENOPROTOOPT, Assert.Throws<OSError>(() => s.SetSockOpt(SocketPool.SOL_SOCKET, 0x1234, 1)).Errno);
    }

    [Fact]
    public void Select_ReportsReadableWhenDataArrives_AndTimesOutOtherwise()
    {
        using var a = new SilentServer();
        using var b = new SilentServer();
        using var sa = f.Tcp();
        using var sb = f.Tcp();
        sa.Connect("127.0.0.1", a.Port);
        sb.Connect("127.0.0.1", b.Port);
        var none = SocketPool.Select([sa, sb], null, 0.1);
        Assert.Empty(none.Readable);
        b.Send("x"u8.ToArray());
        var some = SocketPool.Select([sa, sb], null, 5);
        Assert.Same(sb, Assert.Single(some.Readable));
        Assert.Empty(some.Writable);
        var writable = SocketPool.Select(null, [sa], 0);
        Assert.Same(sa, Assert.Single(writable.Writable));
    }
}
