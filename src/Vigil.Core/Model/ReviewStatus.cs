namespace Vigil.Model;

/// <summary>Where a record stands in review. Only published records reach readers who may not see drafts.</summary>
public enum ReviewStatus
{
    Draft = 0,
    InReview = 1,
    Published = 2,
    Retracted = 3,
}

/// <summary>Reading and writing review statuses in their data-file spelling ("in-review").</summary>
public static class ReviewStatuses
{
    public static string ToLabel(this ReviewStatus status) => status switch
    {
        ReviewStatus.Draft => "draft",
        ReviewStatus.InReview => "in-review",
        ReviewStatus.Published => "published",
        ReviewStatus.Retracted => "retracted",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParse(string? text, out ReviewStatus status)
    {
        foreach (var s in Enum.GetValues<ReviewStatus>())
        {
            if (string.Equals(s.ToLabel(), text?.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(s.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }
        status = ReviewStatus.Draft;
        return false;
    }
}
