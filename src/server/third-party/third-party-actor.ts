// Who is calling the third-party API: an energy service company, through one of its API clients.
// Built from a bearer token by authenticateApiRequest; every server function for the API scopes
// its queries by `thirdPartyId`.
export type ThirdPartyActor = {
  kind: "thirdParty";
  thirdPartyId: string;
  thirdPartyName: string;
  /** ApiClient.id (the row), not the public client_id. */
  apiClientId: string;
  clientId: string;
};
