namespace Esp32At.Tests;

public class SmokeTests
{
    [Fact]
    public void TransportSeamIsAnInterface() => Assert.True(typeof(Esp32At.Transport.IAtTransport).IsInterface);
}
