// Which URLs the Interview panel calls: the owner's session URLs, or a guest's token URLs.
import { describe, expect, it } from "vitest";
import { interviewUrls, reportPages } from "./api";

describe("interviewUrls", () => {
  it("uses the session's own URLs for a logged-in account", () => {
    expect(interviewUrls({ designId: 7 }, 42)).toEqual({
      latest: "/api/designs/7/interview/",
      next: "/api/interviews/42/next/",
      end: "/api/interviews/42/end/",
      review: "/api/interviews/42/review/",
      share: "/api/interviews/42/share/",
    });
  });

  it("puts a share-link guest's token in every path", () => {
    expect(interviewUrls({ designId: 7, shareToken: "abc_-9" }, 42)).toEqual({
      latest: "/api/s/abc_-9/interview/",
      next: "/api/s/abc_-9/interview/next/",
      end: "/api/s/abc_-9/interview/end/",
      review: "/api/s/abc_-9/interview/review/",
      share: "/api/s/abc_-9/interview/share/",
    });
  });
});

describe("reportPages", () => {
  it("opens the design's report and replay for an account, the token's for a guest", () => {
    expect(reportPages({ designId: 7 })).toEqual({ report: "/designs/7/report/", replay: "/designs/7/replay/" });
    expect(reportPages({ designId: 7, shareToken: "abc_-9" })).toEqual({ report: "/s/abc_-9/report/", replay: "/s/abc_-9/replay/" });
  });
});
