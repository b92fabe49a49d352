using Esp32At.Links;
using Esp32At.Wifi;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// Bad input to the public API fails before anything reaches the ESP, with an exception naming the argument; text that
/// could inject AT syntax (quotes, commas, backslashes) is escaped as ESP-AT requires, CR/LF/NUL rejected; and the
/// library stays usable afterwards.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly EchoPeer peer = new();
    private readonly FaultFixture f = new();

    public void Dispose()
    {
        f.Dispose();
        peer.Dispose();
    }

    [Fact]
    public void WifiArguments_AreCheckedAndNamed_WithNothingWritten()
    {
        int mark = f.Mark;
        Assert.Equal("ssid", Assert.Throws<ArgumentException>(() => f.Wifi.Join(new string('s', 33), "password1", null, 0)).ParamName);
        Assert.Equal("ssid", Assert.Throws<ArgumentException>(() => f.Wifi.Join("", "password1", null, 0)).ParamName);
        Assert.Equal("ssid", Assert.Throws<ArgumentNullException>(() => f.Wifi.Join(null!, "password1", null, 0)).ParamName);
        Assert.Equal("ssid", Assert.Throws<ArgumentException>(() => f.Wifi.Join(new string('é', 17), "password1", null, 0)).ParamName); // 34 UTF-8 bytes
        Assert.Equal("password", Assert.Throws<ArgumentException>(() => f.Wifi.Join("Home", new string('p', 65), null, 0)).ParamName);
        Assert.Equal("bssid", Assert.Throws<ArgumentException>(() => f.Wifi.Join("Home", "password1", new byte[5], 0)).ParamName);
        Assert.Equal("timeoutSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => f.Wifi.Join("Home", "password1", null, 2)).ParamName);
        var shortPassword = new SoftApSettings("Ap", "1234567", 6, WifiAuthMode.Wpa2Psk, 4, false);
        Assert.Contains("8 to 64", Assert.Throws<ArgumentException>(() => f.Wifi.StartSoftAp(shortPassword)).Message);
        Assert.Equal("", f.Wire.Written[mark..]);
        Assert.True(f.Wifi.IsConnected);
    }

    [Theory]
    [InlineData("Home\r\nAT+RST")]
    [InlineData("Home\nAT+CWQAP")]
    [InlineData("Ho\0me")]
    public void LineBreaksAndNulInSsidOrPassword_AreRejected_NamingTheArgument(string evil)
    {
        int mark = f.Mark;
        Assert.Equal("ssid", Assert.Throws<ArgumentException>(() => f.Wifi.Join(evil, "password1", null, 0)).ParamName);
        Assert.Equal("password", Assert.Throws<ArgumentException>(() => f.Wifi.Join("Home", "pass" + evil, null, 0)).ParamName);
        Assert.Equal("", f.Wire.Written[mark..]);
        Assert.True(f.Wifi.IsConnected);
        Assert.Equal(0, f.Count("AT+RST"));
    }

    [Fact]
    public void QuotesCommasAndBackslashes_AreEscapedAsEspAtRequires()
    {
        int mark = f.Mark;
        var e = Assert.Throws<WifiJoinException>(() => f.Wifi.Join("a\",\"b\\c", "p\",1,\"x", null, 3));
        Assert.Equal(WifiJoinFailure.NoAccessPoint, e.Reason);
        Assert.Contains("AT+CWJAP=\"a\\\"\\,\\\"b\\\\c\",\"p\\\"\\,1\\,\\\"x\",,,,,,3\r\n", f.Wire.Written[mark..]);
        Assert.Equal(FaultFixture.Ssid, f.Emulator.State.JoinedAp?.Ssid ?? FaultFixture.Ssid); // no other network was joined
        f.Wifi.Join(FaultFixture.Ssid, FaultFixture.Password, null, 0);
        Assert.True(f.Wifi.IsConnected);
    }

    [Fact]
    public void LinkArguments_AreCheckedAndNamed_AndTheLinkStaysUsable()
    {
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        int mark = f.Mark;
        var buf = new byte[8];
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.OpenTcp("127.0.0.1", 0)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.OpenTcp("127.0.0.1", 65536)).ParamName);
        Assert.Equal("host", Assert.Throws<ArgumentNullException>(() => f.Links.OpenTcp(null!, 80)).ParamName);
        Assert.Equal("host", Assert.Throws<ArgumentException>(() => f.Links.OpenTcp(new string('h', 65), 80)).ParamName);
        Assert.Equal("host", Assert.Throws<ArgumentException>(() => f.Links.OpenTcp("evil\r\nAT+RST", 80)).ParamName);
        Assert.Equal("localPort", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.OpenUdp("127.0.0.1", 53, 70000)).ParamName);
        Assert.Equal("buffer", Assert.Throws<ArgumentNullException>(() => f.Links.Send(id, null!, 0, 1)).ParamName);
        Assert.Equal("buffer", Assert.Throws<ArgumentNullException>(() => f.Links.Receive(id, null!, 0, 1, 100)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.Send(id, buf, -1, 1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.Send(id, buf, 4, 5)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.Receive(id, buf, 9, 1, 100)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.Receive(id, buf, 0, 9, 100)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.Receive(id, buf, 0, int.MaxValue, 100)).ParamName);
        Assert.Equal("linkId", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.Send(5, buf, 0, 1)).ParamName);
        Assert.Equal("linkId", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.Receive(-1, buf, 0, 1, 100)).ParamName);
        Assert.Equal("", f.Wire.Written[mark..]);

        var data = "still fine"u8.ToArray();
        f.Links.Send(id, data, 0, data.Length);
        Assert.Equal(data, f.ReadAll(id, data.Length));
    }

    [Fact]
    public void AQuoteInAHostName_IsEscaped_AndFailsAsAnUnknownName()
    {
        var e = Assert.ThrowsAny<Esp32At.Engine.AtCommandException>(() => f.Links.OpenTcp("a\",\"TCP\",\"127.0.0.1", peer.Port));
        Assert.IsNotType<Esp32At.Engine.AtTimeoutException>(e);
        Assert.Contains("AT+CIPSTART=0,\"TCP\",\"a\\\"\\,\\\"TCP\\\"\\,\\\"127.0.0.1\"," + peer.Port, f.Wire.Written);
        Assert.Equal(0, peer.Connections);
        Assert.Equal(LinkState.Free, f.Links.StateOf(0));
    }

    [Fact]
    public void SendingOnAClosedOrNeverOpenedLink_IsAClearError()
    {
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        f.Links.Close(id);
        int mark = f.Mark;
        Assert.Contains("not open", Assert.Throws<InvalidOperationException>(() => f.Links.Send(id, [1], 0, 1)).Message);
        Assert.Contains("not open", Assert.Throws<InvalidOperationException>(() => f.Links.Send(3, [1], 0, 1)).Message);
        Assert.Contains("not open", Assert.Throws<InvalidOperationException>(() => f.Links.Receive(id, new byte[1], 0, 1, 100)).Message);
        f.Links.Close(id); // closing twice is a no-op
        Assert.Equal("", f.Wire.Written[mark..]);
    }

    [Fact]
    public void ServerArguments_AreCheckedAndNamed()
    {
        var server = new LinkServer(f.Links);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => server.Start(0)).ParamName);
        Assert.Equal("maxConnections", Assert.Throws<ArgumentOutOfRangeException>(() => server.Start(80, 6)).ParamName);
        Assert.Equal("maxConnections", Assert.Throws<ArgumentOutOfRangeException>(() => server.Start(80, 0)).ParamName);
        Assert.Equal("idleTimeoutSeconds", Assert.Throws<ArgumentOutOfRangeException>(() => server.Start(80, 2, false, 7201)).ParamName);
        Assert.Equal("slot", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.Certificates.LoadCa([1], 2)).ParamName);
        Assert.Equal("pem", Assert.Throws<ArgumentNullException>(() => f.Links.Certificates.LoadCa(null!)).ParamName);
    }
}
