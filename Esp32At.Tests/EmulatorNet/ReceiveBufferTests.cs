using System.Net;
using Esp32At.Emulator.Network;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>The passive receive buffer's TCP and UDP rules (spec §4).</summary>
public class ReceiveBufferTests
{
    private static readonly IPEndPoint A = new(IPAddress.Loopback, 1000), B = new(IPAddress.Loopback, 2000);

    [Fact]
    public void TcpReadsSplitSegmentsAndKeepTheRest()
    {
        var buffer = new ReceiveBuffer(datagrams: false);
        buffer.Add("hello"u8.ToArray(), 5, A);
        buffer.Add("world"u8.ToArray(), 5, A);
        Assert.Equal("hell"u8.ToArray(), buffer.Take(4, out _));
        Assert.Equal("oworl"u8.ToArray(), buffer.Take(5, out _));
        Assert.Equal(1, buffer.Count);
    }

    [Fact]
    public void UdpDropsDatagramsBeyondTheMailboxAndACutDatagramLosesItsRest()
    {
        var buffer = new ReceiveBuffer(datagrams: true);
        for (int i = 0; i < ReceiveBuffer.UdpMailbox; i++) Assert.True(buffer.Add("abc"u8.ToArray(), 3, i == 0 ? B : A));
        Assert.False(buffer.Add("zzz"u8.ToArray(), 3, A));
        Assert.Equal(18, buffer.Count);
        Assert.Equal("abcab"u8.ToArray(), buffer.Take(5, out var from));
        Assert.Equal(B, from);
        Assert.Equal(12, buffer.Count);
    }
}
