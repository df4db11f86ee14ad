using Millwright.Controller.Devices;

namespace Millwright.Controller.Tests.Devices;

public sealed class KeyRotationPolicyTests
{
    [Theory]
    [InlineData(0, 0, 1, 1)]
    [InlineData(100, 0, 10_000, 10_100)]
    [InlineData(100, 50, 10, 160)]
    [InlineData(long.MaxValue - 5, 0, 10, long.MaxValue)]
    public void CutOverIsHighestSeenPlusOutboxDepthPlusMargin(long highest, ulong depth, long margin, long expected)
    {
        Assert.Equal(expected, KeyRotationPolicy.CutOver(highest, depth, margin));
    }

    [Fact]
    public void AHugeReportedDepthSaturates()
    {
        Assert.Equal(long.MaxValue, KeyRotationPolicy.CutOver(10, ulong.MaxValue, 1));
    }

    [Fact]
    public void AMarginBelowOneIsRefused()
    {
        Assert.Throws<DeviceRegistryException>(() => KeyRotationPolicy.CutOver(10, 0, 0));
    }
}
