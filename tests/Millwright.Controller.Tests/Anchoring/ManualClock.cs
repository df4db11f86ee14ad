namespace Millwright.Controller.Tests.Anchoring;

/// <summary>A clock the test moves: the anchoring state machine reads only the time, never waits on it.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
