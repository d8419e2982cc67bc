"""Registration shows a wrong organisation number together with the other field errors."""


def test_wrong_org_number_shows_with_the_other_field_errors(client):
    response = client.post(
        "/companies/register", data={"country": "NO", "org_number": "923609017", "name": "X AS"}
    )
    html = response.get_data(as_text=True)
    assert 'id="org_number-error"' in html and "Brønnøysund" in html
    assert 'id="email-error"' in html and 'value="923609017"' in html
