namespace Millwright.Controller.Provisioning;

/// <summary>
/// One line per step as it finishes ("  ok  commit     committed; secret installed key-id=…"), a failure with what to do.
/// Never given a secret: callers pass key ids and setting names only.
/// </summary>
public sealed class ProgressDisplay(TextWriter output)
{
    private DateTime _started = DateTime.UtcNow;
    private string _current = string.Empty;

    public TextWriter Output => output;

    public void Begin(string step, string what)
    {
        _current = step;
        _started = DateTime.UtcNow;
        output.Write($"  ..  {step,-9} {what}");
        output.Flush();
    }

    public void Done(string detail)
    {
        output.WriteLine($"\r  ok  {_current,-9} {detail} ({(DateTime.UtcNow - _started).TotalSeconds:0.0} s)");
        output.Flush();
    }

    public void Fail(ProvisioningException failure)
    {
        output.WriteLine($"\r  FAILED at step '{StepName(failure.Step)}': {failure.Message}");
        output.WriteLine($"        what to do: {failure.Advice}");
        output.Flush();
    }

    public void Note(string text)
    {
        output.WriteLine("        " + text);
        output.Flush();
    }

    public static string StepName(ProvisioningStep step) => step switch
    {
        ProvisioningStep.WiFi => "wifi",
        _ => step.ToString().ToLowerInvariant(),
    };
}
