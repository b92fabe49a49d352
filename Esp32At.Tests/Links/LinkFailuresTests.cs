using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.Tests.Links;

public class LinkFailuresTests
{
    public static TheoryData<Exception, LinkFailure> Cases() => new()
    {
        { new LinkResetException(2, "SEND FAIL"), LinkFailure.Reset },
        { new AtRebootedException("AT+CIPSEND=0,5"), LinkFailure.Rebooted },
        { new AtTimeoutException("AT+CIPSTART", 100), LinkFailure.TimedOut },
        { new AtBusyException("AT+CIPSTART"), LinkFailure.Busy },
        { new AtCommandException("AT+CIPSTART", null, "ERROR"), LinkFailure.CommandFailed },
        { new NoFreeLinkException(5), LinkFailure.NoFreeLink },
        { new InvalidOperationException("link 1 is not open"), LinkFailure.InvalidState },
        { new ArgumentOutOfRangeException("port"), LinkFailure.InvalidArgument },
        { new ArgumentException("bad", "host"), LinkFailure.InvalidArgument },
        { new NotSupportedException("no AT+CIPSSLCALPN"), LinkFailure.NotSupported },
        { new IOException("other"), LinkFailure.Other },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachFailureIsClassifiedByItsType(Exception e, LinkFailure expected) => Assert.Equal(expected, LinkFailures.Classify(e));

    [Fact]
    public void NullIsOther() => Assert.Equal(LinkFailure.Other, LinkFailures.Classify(null!));

    [Fact]
    public void AFullTableIsNamedByTypeNotByMessage()
    {
        // A message that merely says "in use" is not a full table any more: the faces used to match that text.
        Assert.Equal(LinkFailure.InvalidState, LinkFailures.Classify(new InvalidOperationException("port in use")));
        var full = new NoFreeLinkException(5);
        Assert.IsAssignableFrom<InvalidOperationException>(full);
        Assert.Equal(5, full.LinkCount);
        Assert.Equal("all 5 ESP-AT links are in use", full.Message);
    }
}
