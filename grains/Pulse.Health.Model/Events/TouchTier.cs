namespace Pulse.Health.Model.Events;

/// <summary>The coverage model of an account (the book's tier pyramid): it chooses the scoring profile.</summary>
public enum TouchTier : byte
{
    TechTouch = 0,
    B2C,
    LowTouch,
    HighTouch,
}

public static class TouchTierNames
{
    public static bool TryParse(string? text, out TouchTier tier)
    {
        switch (text?.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-'))
        {
            case "b2c": tier = TouchTier.B2C; return true;
            case "tech-touch" or "techtouch" or "tech": tier = TouchTier.TechTouch; return true;
            case "low-touch" or "lowtouch" or "low": tier = TouchTier.LowTouch; return true;
            case "high-touch" or "hightouch" or "high": tier = TouchTier.HighTouch; return true;
            default: tier = TouchTier.TechTouch; return false;
        }
    }

    public static string Name(TouchTier tier) => tier switch
    {
        TouchTier.B2C => "b2c",
        TouchTier.LowTouch => "low-touch",
        TouchTier.HighTouch => "high-touch",
        _ => "tech-touch",
    };
}
