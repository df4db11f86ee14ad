namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline, checking often; the deadline is a failure, never an assumption.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan limit, Func<string> whatIsMissing)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not within {limit.TotalSeconds:F0} s: {whatIsMissing()}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
