using Esp32At.CircuitPython;
using Esp32At.Tests.Wifi;

namespace Esp32At.Tests.CircuitPython;

/// <summary>
/// IPv6 on the CircuitPython face over a scripted ESP: AF_INET6 sockets become TCPv6/UDPv6 links, getaddrinfo with
/// AF_INET6 asks CIPDOMAIN for IPv6 only, and wifi.radio.addresses lists IPv6 first in CircuitPython's (lwIP's) form.
/// </summary>
public sealed class Ipv6FaceScriptedTests
{
    private const string Ok = ScriptedWifi.Ok;

    [Fact]
    public void AddressesListIpv6FirstThenIpv4AsCircuitPythonDoes()
    {
        using var s = new ScriptedWifi(ipv6: true);
        var radio = new Radio(s.Wifi);
        s.Replies["AT+CIPSTA?"] = "+CIPSTA:ip:\"10.0.3.96\"\r\n+CIPSTA:gateway:\"10.0.3.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n" +
            "+CIPSTA:ip6ll:\"fe80::7edf:a1ff:fe00:518c\"\r\n+CIPSTA:ip6gl:\"fd5f:3f5c:fe50:0:7edf:a1ff:fe00:518c\"\r\n" + Ok;
        Assert.Equal(["FE80::7EDF:A1FF:FE00:518C", "FD5F:3F5C:FE50:0:7EDF:A1FF:FE00:518C", "10.0.3.96"], radio.Addresses);
        s.Replies["AT+CIPSTA?"] = "+CIPSTA:ip:\"10.0.3.96\"\r\n+CIPSTA:gateway:\"10.0.3.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n" + Ok;
        Assert.Equal(["10.0.3.96"], radio.Addresses);
        s.Replies["AT+CIPSTA?"] = "+CIPSTA:ip:\"0.0.0.0\"\r\n+CIPSTA:gateway:\"0.0.0.0\"\r\n+CIPSTA:netmask:\"0.0.0.0\"\r\n" + Ok;
        Assert.Empty(radio.Addresses);
        s.Replies["AT+CIPAP?"] = "+CIPAP:ip:\"192.168.4.1\"\r\n+CIPAP:gateway:\"192.168.4.1\"\r\n+CIPAP:netmask:\"255.255.255.0\"\r\n+CIPAP:ip6ll:\"fe80::1\"\r\n" + Ok;
        Assert.Equal(["FE80::1", "192.168.4.1"], radio.AddressesAp);
    }

    [Fact]
    public void AnInet6StreamSocketConnectsOverTcpV6()
    {
        using var s = new ScriptedWifi(ipv6: true);
        var pool = new SocketPool(s.Device);
        s.ClearCommands();
        var sock = pool.Socket(SocketPool.AF_INET6, SocketPool.SOCK_STREAM);
        Assert.Equal(SocketPool.AF_INET6, sock.Family);
        sock.Connect("2001:db8::10", 8080);
        Assert.Equal("AT+CIPSTART=0,\"TCPv6\",\"2001:db8::10\",8080,,,20000", s.Sent.Single(c => c.StartsWith("AT+CIPSTART")));
        sock.Close();
        Assert.Throws<ArgumentException>(() => pool.Socket(1, SocketPool.SOCK_STREAM));
    }

    [Fact]
    public void GetAddrInfoWithInet6AsksForIpv6OnlyAndTheDefaultStaysIpv4()
    {
        using var s = new ScriptedWifi(ipv6: true);
        var pool = new SocketPool(s.Device);
        s.Replies["AT+CIPDOMAIN=\"v6.test\",3"] = "+CIPDOMAIN:\"2001:db8:0:0:1::1\"\r\n" + Ok;
        s.Replies["AT+CIPDOMAIN=\"v6.test\""] = "+CIPDOMAIN:\"192.0.2.7\"\r\n" + Ok;
        var v6 = pool.GetAddrInfo("v6.test", 443, SocketPool.AF_INET6)[0];
        Assert.Equal(SocketPool.AF_INET6, v6.Family);
        Assert.Equal(new SocketEndpoint("2001:DB8::1:0:0:1", 443), v6.Address);
        var v4 = pool.GetAddrInfo("v6.test", 443)[0];
        Assert.Equal(SocketPool.AF_INET, v4.Family);
        Assert.Equal(new SocketEndpoint("192.0.2.7", 443), v4.Address);
        Assert.Equal(new SocketEndpoint("fe80::1", 1), pool.GetAddrInfo("fe80::1", 1, SocketPool.AF_INET6)[0].Address);
    }

    [Fact]
    public void AnInet6DatagramSocketSendsToAndReportsItsIpv6Sender()
    {
        using var s = new ScriptedWifi(ipv6: true);
        var pool = new SocketPool(s.Device);
        s.Replies["AT+CIPSEND=0,2,\"fe80::2\",5000"] = "\r\nOK\r\n>";
        s.Fallback = line => line == "hi" ? "\r\nRecv 2 bytes\r\n\r\nSEND OK\r\n" : null;
        s.ClearCommands();
        var sock = pool.Socket(SocketPool.AF_INET6, SocketPool.SOCK_DGRAM);
        sock.SetTimeout(2);
        Assert.Equal(2, sock.SendTo("hi"u8.ToArray(), "fe80::2", 5000));
        s.Esp.Emit("\r\n+IPD,0,3,\"fe80::2\",5000:yes");
        var buffer = new byte[8];
        Assert.Equal(3, sock.RecvFromInto(buffer, out var from));
        Assert.Equal(new SocketEndpoint("FE80::2", 5000), from);
        Assert.Contains("AT+CIPSTART=0,\"UDPv6\",\"fe80::2\",5000,,,,2000", s.Sent);
        sock.Close();
    }
}
