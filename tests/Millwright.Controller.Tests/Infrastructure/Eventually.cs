namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline (never a fixed sleep): polls, and fails with a message when the
/// deadline passes.</summary>
internal static class Eventually
{
    internal static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    internal static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }

            await Task.Delay(20);
        }
    }

    internal static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);
}
