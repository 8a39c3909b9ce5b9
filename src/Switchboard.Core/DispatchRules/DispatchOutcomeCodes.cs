namespace Switchboard.Core.DispatchRules;

/// <summary>The names LiveKit's <c>SIPDispatchResult</c> gives the outcomes, as <c>rules eval</c> and explain print them.</summary>
public static class DispatchOutcomeCodes
{
    public static string Code(this DispatchOutcome outcome) => outcome switch
    {
        DispatchOutcome.Accept => "ACCEPT",
        DispatchOutcome.RequestPin => "REQUEST_PIN",
        DispatchOutcome.Drop => "DROP",
        _ => "ERROR",
    };
}
